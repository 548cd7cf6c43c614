using System.Text.RegularExpressions;

namespace Connect.Testing;

/// <summary>Finds codes in texts that people receive.</summary>
public static partial class TestCodes
{
    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex AccessCodePattern();

    // Not inside a word: the e-mail's link token (base64url) comes first and can hold six digits in a row.
    [GeneratedRegex(@"(?<![\w-])[0-9]{6}(?![\w-])")]
    private static partial Regex SixDigitsPattern();

    [GeneratedRegex(@"email-link\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex LinkTokenPattern();

    public static string? AccessCode(string text) => AccessCodePattern().Match(text) is { Success: true } m ? m.Value : null;

    public static string SixDigits(string text) => SixDigitsPattern().Match(text) is { Success: true } m
        ? m.Value
        : throw new InvalidOperationException("No 6-digit code in the text.");

    public static string LinkToken(string text) => LinkTokenPattern().Match(text) is { Success: true } m
        ? Uri.UnescapeDataString(m.Groups[1].Value)
        : throw new InvalidOperationException("No e-mail link in the text.");
}
