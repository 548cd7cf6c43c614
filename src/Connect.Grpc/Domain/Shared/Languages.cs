namespace Connect.Grpc.Domain;

/// <summary>The languages Connect speaks, as two-letter codes.</summary>
public static class Languages
{
    public const string Default = "fr";
    public static readonly IReadOnlyList<string> All = ["fr", "de", "it", "en"];

    public static string OrDefault(string? code) => code is not null && All.Contains(code) ? code : Default;
}
