using System.Security.Cryptography;
using System.Text;

namespace Connect.Grpc.Security;

/// <summary>
/// Access codes: 12 characters of Crockford's base32 (60 bits), shown as <c>ABCD-EFGH-JKLM</c>. Reading
/// ignores case, spaces and hyphens and takes O for 0 and I or L for 1, so a code copied from a letter
/// by hand still works.
/// </summary>
public static class AccessCodes
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>The grouped form for people: <c>ABCD-EFGH-JKLM</c>.</summary>
    public static string Format(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    /// <summary>The canonical form of what someone typed, or null if it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40) return null;
        var builder = new StringBuilder(Length);
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ' or '\t') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (!Alphabet.Contains(c)) return null;
            builder.Append(c);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }
}
