namespace Connect.Grpc.Letters;

/// <summary>
/// The fund's letterhead on invitation letters. Bound from <c>Connect:Letters</c> and validated at start (a configured
/// logo must be a PNG or JPEG file that exists). Place names are keyed by language code, like the support texts.
/// </summary>
public sealed class LetterOptions
{
    public const string SectionName = "Connect:Letters";
    public const int MaxFundAddressLines = 6;
    public const int MaxLineLength = 100;

    /// <summary>
    /// The fund's logo, a PNG or JPEG file (relative paths start at the server's working directory); default null:
    /// the logo shipped with Connect. Printed top left, at most 70 × 20 mm, keeping its proportions.
    /// </summary>
    public string? LogoPath { get; set; }

    /// <summary>
    /// The fund's address block, printed under the logo and, joined, as the return address in the envelope's window;
    /// 1 to 6 lines. Default (when none is configured) "Caisse de compensation", "Département Contributions",
    /// "Case postale", "3001 Berne". Read it through <see cref="EffectiveFundAddress"/>: the configuration binder adds
    /// configured array items to a default's instead of replacing them, so the default lives there.
    /// </summary>
    public string[] FundAddress { get; set; } = [];

    public IReadOnlyList<string> EffectiveFundAddress =>
        FundAddress.Length > 0 ? FundAddress : ["Caisse de compensation", "Département Contributions", "Case postale", "3001 Berne"];

    /// <summary>
    /// Where the letters are written, per language, before the date; default fr "Berne", de "Bern", it "Berna",
    /// en "Bern". A language left out falls back to French.
    /// </summary>
    public Dictionary<string, string> Place { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fr"] = "Berne",
        ["de"] = "Bern",
        ["it"] = "Berna",
        ["en"] = "Bern",
    };

    public string PlaceIn(string language) =>
        Place.TryGetValue(language, out var place) || Place.TryGetValue(Domain.Languages.Default, out place) ? place
        : Place.Values.FirstOrDefault() ?? "";
}
