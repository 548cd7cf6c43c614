using Connect.Grpc.Domain;

namespace Connect.Grpc.Messaging;

/// <summary>
/// The fund's support contact, shown in every e-mail (and on every console page). Bound from <c>Connect:Support</c>;
/// texts are keyed by language code (<c>Connect:Support:Hours:de</c>), and a language left out falls back to French.
/// </summary>
public sealed class SupportOptions
{
    public const string SectionName = "Connect:Support";

    /// <summary>
    /// The department per language; default fr "Département Contributions", de "Abteilung Beiträge",
    /// it "Dipartimento Contributi", en "Contributions department".
    /// </summary>
    public Dictionary<string, string> Department { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fr"] = "Département Contributions",
        ["de"] = "Abteilung Beiträge",
        ["it"] = "Dipartimento Contributi",
        ["en"] = "Contributions department",
    };

    /// <summary>The phone number; default "+41 31 390 23 25".</summary>
    public string Phone { get; set; } = "+41 31 390 23 25";

    /// <summary>
    /// The opening hours per language; default fr "jours ouvrables, 7h30–16h00", de "Werktage, 7.30–16.00 Uhr",
    /// it "giorni feriali, 7:30–16:00", en "working days, 7:30–16:00".
    /// </summary>
    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fr"] = "jours ouvrables, 7h30–16h00",
        ["de"] = "Werktage, 7.30–16.00 Uhr",
        ["it"] = "giorni feriali, 7:30–16:00",
        ["en"] = "working days, 7:30–16:00",
    };

    /// <summary>The support e-mail address; default null (not shown).</summary>
    public string? Email { get; set; }

    /// <summary>
    /// The languages support answers in, as codes (<c>Connect:Support:Languages:0</c> …); default fr, de, it, en. Read it
    /// through <see cref="EffectiveLanguages"/>: the configuration binder adds configured items to a default array
    /// instead of replacing it, so the default lives there.
    /// </summary>
    public string[]? Languages { get; set; }

    public IReadOnlyList<string> EffectiveLanguages =>
        Languages is { Length: > 0 } configured ? configured.Select(code => code.Trim().ToLowerInvariant()).ToList() : [.. Domain.Languages.All];

    /// <summary>The support languages, each named in itself ("Français, Deutsch"), so that one line reads the same in every text.</summary>
    public string LanguageNames() => string.Join(", ", EffectiveLanguages.Select(code => code switch
    {
        "fr" => "Français",
        "de" => "Deutsch",
        "it" => "Italiano",
        "en" => "English",
        var other => other,
    }));

    public string DepartmentIn(string language) => In(Department, language);

    public string HoursIn(string language) => In(Hours, language);

    // Configuration may name one language only; the default language keeps every footer complete.
    private static string In(Dictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) || texts.TryGetValue(Domain.Languages.Default, out text) ? text
        : texts.Values.FirstOrDefault() ?? "";
}
