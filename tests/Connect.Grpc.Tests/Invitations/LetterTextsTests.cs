using Connect.Grpc.Domain;
using Connect.Grpc.Letters;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>The invitation letter's words in every language, byte for byte as approved.</summary>
public sealed class LetterTextsTests
{
    [Fact]
    public void EveryLetterText_InEveryLanguage_SaysExactlyTheApprovedWords()
    {
        var received = new List<(string Key, string Text)>();
        foreach (var language in Languages.All)
        {
            var text = LetterTexts.For(language);
            void Add(string part, string words) => received.Add(($"{language} {part}", words));
            Add(nameof(text.Subject), text.Subject);
            Add(nameof(text.Salutation), text.Salutation);
            Add(nameof(text.Introduction), text.Introduction);
            Add(nameof(text.CodeLabel), text.CodeLabel);
            Add(nameof(text.AddressLabel), text.AddressLabel);
            Add(nameof(text.ValidUntil), text.ValidUntil("29.01.2026"));
            Add(nameof(text.QrCaption), text.QrCaption);
            Add(nameof(text.StepsTitle), text.StepsTitle);
            for (var step = 0; step < text.Steps.Count; step++) Add($"{nameof(text.Steps)}[{step}]", text.Steps[step]);
            Add(nameof(text.Caution), text.Caution);
            Add(nameof(text.Closing), text.Closing);
            Add(nameof(text.SupportIntroduction), text.SupportIntroduction);
            Add(nameof(text.LanguagesLabel), text.LanguagesLabel);
            Add(nameof(text.PlaceAndDate), text.PlaceAndDate("Bern", "15.01.2026"));
            Add(nameof(text.ForTheAttentionOf), text.ForTheAttentionOf("Anna Muster"));
            foreach (var country in new[] { "LI", "DE", "FR", "IT", "AT", "us", "ZZ" }) Add($"Country {country}", LetterTexts.CountryName(text, country));
        }

        ApprovedText.Verify("tests/Connect.Grpc.Tests/Invitations/LetterTexts.approved.txt", received);
    }

    [Fact]
    public void UnknownLanguage_FallsBackToFrench_AndUpperCaseIsUnderstood()
    {
        Assert.Equal(LetterTexts.For("fr").Subject, LetterTexts.For("xx").Subject);
        Assert.Equal(LetterTexts.For("fr").Subject, LetterTexts.For(null).Subject);
        Assert.Equal(LetterTexts.For("de").Subject, LetterTexts.For("DE").Subject);
    }
}
