using System.Globalization;
using Connect.V1;

namespace Connect.Admin.Hosting;

/// <summary>The console's languages, French first because it is the fund's default.</summary>
public static class ConsoleCultures
{
    public const string Default = "fr";

    public static IReadOnlyList<string> Supported { get; } = ["fr", "de", "it", "en"];

    /// <summary>The current UI language, as the API's enum (for e-mails and the profile).</summary>
    public static Language Current => ToLanguage(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public static Language ToLanguage(string? culture) => culture switch
    {
        "de" => Language.De,
        "it" => Language.It,
        "en" => Language.En,
        _ => Language.Fr,
    };

    /// <summary>The culture name of a language of the API (French when unspecified).</summary>
    public static string ToCulture(Language language) => language switch
    {
        Language.De => "de",
        Language.It => "it",
        Language.En => "en",
        _ => Default,
    };

    /// <summary>The text of a <see cref="LocalizedText"/> in the current language, French when that one is empty.</summary>
    public static string Pick(LocalizedText? text)
    {
        if (text is null) return string.Empty;
        var chosen = Current switch
        {
            Language.De => text.De,
            Language.It => text.It,
            Language.En => text.En,
            _ => text.Fr,
        };
        return string.IsNullOrEmpty(chosen) ? text.Fr : chosen;
    }
}
