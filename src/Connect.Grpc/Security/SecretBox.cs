using System.Security.Cryptography;
using System.Text;

namespace Connect.Grpc.Security;

/// <summary>
/// Seals the few secrets the server must read back (authenticator keys) with AES-256-GCM under a key derived
/// from the server key, so a copy of the database alone yields nothing. The purpose is bound as associated
/// data: a sealed value moved to another person or field does not open.
/// </summary>
public sealed class SecretBox(HashKey key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, 32, info: "connect:secret-box:v1"u8.ToArray());

    public string Seal(string purpose, byte[] plaintext)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return Convert.ToBase64String(sealedBytes);
    }

    public byte[] Open(string purpose, string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext,
            Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}
