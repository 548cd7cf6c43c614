using System.Security.Cryptography;
using System.Text;

namespace Connect.Grpc.Security;

/// <summary>Random secrets and their hashes: the one place that makes and hashes tokens and codes.</summary>
public sealed class Secrets(HashKey key)
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
    /// HMAC-SHA256 under the server key, for low-entropy secrets (access codes, 6-digit codes) that a
    /// plain hash would give away to anyone holding a copy of the database. <paramref name="purpose"/>
    /// separates the uses.
    /// </summary>
    public string KeyedHash(string purpose, string secret) =>
        Base64Url(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(purpose + "\n" + secret)));

    /// <summary>Compares a secret with its keyed hash in constant time.</summary>
    public bool KeyedHashMatches(string purpose, string secret, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(KeyedHash(purpose, secret)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The server's 256-bit key for keyed hashes.</summary>
public sealed class HashKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>Reads the key file, creating it (owner-only) with a fresh key the first time.</summary>
    public static HashKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length != 32) throw new InvalidOperationException($"The key file {path} does not hold a 256-bit key.");
            return new HashKey(existing);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        return new HashKey(key);
    }
}
