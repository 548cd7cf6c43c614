using System.Security.Cryptography;
using System.Text;

namespace Connect.Grpc.Security;

/// <summary>
/// Seals the few secrets the server must read back (authenticator keys) with AES-256-GCM under a key derived
/// from the server key, so a copy of the database alone yields nothing. The purpose is bound as associated
/// data: a sealed value moved to another person or field does not open.
/// A sealed value reads <c>keyid:base64</c>, the key id naming the server key it was sealed under, so that it still
/// opens after a rotation while that key is among the previous ones. Values sealed before key ids (plain base64)
/// are tried under each configured key, the current one first.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const char IdSeparator = ':';
    private readonly IReadOnlyList<(string Id, byte[] Key)> _keys;

    public SecretBox(HashKey keys) =>
        _keys = keys.All.Select(k => (IdOf(k), HKDF.DeriveKey(HashAlgorithmName.SHA256, k, 32, info: "connect:secret-box:v1"u8.ToArray()))).ToList();

    /// <summary>Seals under the current key.</summary>
    public string Seal(string purpose, byte[] plaintext)
    {
        var (id, key) = _keys[0];
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return id + IdSeparator + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The plaintext, or null when no configured key opens the value: its key was removed from configuration, or the
    /// value was altered or moved.
    /// </summary>
    public byte[]? TryOpen(string purpose, string sealedText)
    {
        var separator = sealedText.IndexOf(IdSeparator, StringComparison.Ordinal);
        var sealedBytes = Convert.FromBase64String(separator < 0 ? sealedText : sealedText[(separator + 1)..]);
        if (sealedBytes.Length < NonceSize + TagSize) return null;
        var candidates = separator < 0 ? _keys : _keys.Where(k => k.Id == sealedText[..separator]);
        foreach (var (_, key) in candidates)
        {
            if (TryOpen(key, purpose, sealedBytes) is { } plaintext) return plaintext;
        }
        return null;
    }

    /// <summary>True when the value is sealed under the current key; otherwise worth sealing again when next opened.</summary>
    public bool IsSealedUnderCurrentKey(string sealedText) => sealedText.StartsWith(_keys[0].Id + IdSeparator, StringComparison.Ordinal);

    private static byte[]? TryOpen(byte[] key, string purpose, byte[] sealedBytes)
    {
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext,
                Encoding.UTF8.GetBytes(purpose));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    // A public fingerprint of the key (HMAC under it, so it tells nothing about the key): 8 hex digits tell a few keys apart.
    private static string IdOf(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, "connect:key-id"u8)[..4]);
}
