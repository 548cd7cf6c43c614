using System.Globalization;
using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;

namespace Connect.Grpc.Letters;

/// <summary>
/// The invitation letter's texts in fr, de, it and en: the words are in <c>LetterTexts.resx</c> (French, the default,
/// after the fund's guide: "Code d'accès", "lien d'enregistrement") and its translations, which follow the invitation
/// e-mail's words.
/// </summary>
public static class LetterTexts
{
    private static readonly TextResource Texts = new(typeof(LetterTexts));

    /// <summary>The neighbours whose names the letter's language gives; the post wants them in that language.</summary>
    private static readonly string[] Neighbours = ["LI", "DE", "FR", "IT", "AT"];

    private static readonly IReadOnlyDictionary<string, LetterText> ByLanguage = Languages.All.ToDictionary(l => l, Load);

    public static LetterText For(string? language) => ByLanguage[Languages.OrDefault(language?.ToLowerInvariant())];

    /// <summary>
    /// The country line of a foreign address, in capitals as the post wants it: the neighbours in the letter's
    /// language, any other country by its English name, an unknown code as it is.
    /// </summary>
    public static string CountryName(LetterText text, string countryCode)
    {
        var code = countryCode.Trim().ToUpperInvariant();
        if (text.Countries.TryGetValue(code, out var name)) return name;
        try
        {
            return new RegionInfo(code).EnglishName.ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    private static LetterText Load(string language)
    {
        string Text(string key, params object[] values) => Texts.Get(language, key, values);
        return new LetterText(
            Subject: Text("Subject"),
            Salutation: Text("Salutation"),
            Introduction: Text("Introduction"),
            CodeLabel: Text("CodeLabel"),
            AddressLabel: Text("AddressLabel"),
            ValidUntil: date => Text("ValidUntil", date),
            QrCaption: Text("QrCaption"),
            StepsTitle: Text("StepsTitle"),
            Steps: [Text("Step1"), Text("Step2"), Text("Step3")],
            Caution: Text("Caution"),
            Closing: Text("Closing"),
            SupportIntroduction: Text("SupportIntroduction"),
            LanguagesLabel: Text("LanguagesLabel"),
            PlaceAndDate: (place, date) => Text("PlaceAndDate", place, date),
            ForTheAttentionOf: person => Text("ForTheAttentionOf", person),
            Countries: Neighbours.ToDictionary(code => code, code => Text("Country." + code)));
    }
}
