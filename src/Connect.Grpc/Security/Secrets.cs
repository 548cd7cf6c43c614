using System.Security.Cryptography;
using System.Text;

namespace Connect.Grpc.Security;

/// <summary>Random secrets and their hashes: the one place that makes and hashes tokens and codes.</summary>
public sealed class Secrets(HashKey keys)
{
    /// <summary>A 256-bit random token in base64url (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of a high-entropy token (session, registration, link): nothing to brute-force, so no key.</summary>
    public static string HashToken(string token) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A 6-digit code, uniformly drawn.</summary>
    public static string NewSixDigitCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What someone typed as a 6-digit code, trimmed, or null when it cannot be one.</summary>
    public static string? ReadSixDigitCode(string? typed)
    {
        var code = (typed ?? "").Trim();
        return code.Length == 6 && code.All(char.IsAsciiDigit) ? code : null;
    }

    /// <summary>
    /// HMAC-SHA256 under the current server key, for low-entropy secrets (access codes, 6-digit codes) that a
    /// plain hash would give away to anyone holding a copy of the database. <paramref name="purpose"/>
    /// separates the uses.
    /// </summary>
    public string KeyedHash(string purpose, string secret) => KeyedHash(keys.Current, purpose, secret);

    /// <summary>
    /// The secret's keyed hash under every configured key, the current one first: what a lookup by keyed hash tries in
    /// turn, so that a value hashed before a rotation is still found while its key is among the previous ones.
    /// </summary>
    public IEnumerable<string> KeyedHashes(string purpose, string secret) => keys.All.Select(k => KeyedHash(k, purpose, secret));

    /// <summary>Compares a secret with its keyed hash in constant time, under every configured key.</summary>
    public bool KeyedHashMatches(string purpose, string secret, string expectedHash)
    {
        var expected = Encoding.ASCII.GetBytes(expectedHash);
        var matched = false;
        // No early exit: the time taken does not tell which key matched.
        foreach (var hash in KeyedHashes(purpose, secret)) matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), expected);
        return matched;
    }

    private static string KeyedHash(byte[] key, string purpose, string secret) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\n" + secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
