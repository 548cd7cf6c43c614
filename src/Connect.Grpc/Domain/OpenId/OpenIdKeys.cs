using System.Security.Cryptography;
using System.Text.Json;
using Connect.Grpc.Security;

namespace Connect.Grpc.Domain;

/// <summary>
/// The OpenID provider's keys: an RSA key that signs tokens (its public half is the JWKS) and a symmetric key that
/// encrypts what only the provider reads (codes, refresh tokens). Made once by the first server that needs them and
/// kept in the store sealed under the server key, so that every replica signs and validates alike.
/// </summary>
internal sealed class OpenIdKeys(IStore store, SecretBox box)
{
    private const string Setting = "openid.keys";
    private const string Purpose = "openid-keys";

    /// <summary>
    /// The keys, made and stored on first use. Keys sealed under a previous server key are sealed again under the
    /// current one, so that the previous server key can be retired (as authenticator keys are).
    /// </summary>
    public (RSA Signing, byte[] Encryption, string KeyId) Load()
    {
        var stored = store.Read(r => r.Get<SystemSetting>(Setting)) ?? Create();
        var keys = Parse(stored);
        var (signingKey, encryptionKey) = (Open(keys.Signing), Open(keys.Encryption));
        if (!box.IsSealedUnderCurrentKey(keys.Signing) || !box.IsSealedUnderCurrentKey(keys.Encryption))
        {
            store.Write(w =>
            {
                if (w.Get<SystemSetting>(Setting) is not { } current || Parse(current).KeyId != keys.KeyId) return 0;
                current.Value = JsonSerializer.Serialize(keys with { Signing = box.Seal(Purpose, signingKey), Encryption = box.Seal(Purpose, encryptionKey) });
                w.Update(current);
                return 0;
            });
        }
        var signing = RSA.Create();
        signing.ImportPkcs8PrivateKey(signingKey, out _);
        return (signing, encryptionKey, keys.KeyId);
    }

    private static StoredKeys Parse(SystemSetting setting) =>
        JsonSerializer.Deserialize<StoredKeys>(setting.Value) ?? throw new InvalidOperationException("The stored OpenID keys cannot be read.");

    private SystemSetting Create()
    {
        using var rsa = RSA.Create(2048);
        var created = new SystemSetting
        {
            Id = Setting,
            Value = JsonSerializer.Serialize(new StoredKeys(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                box.Seal(Purpose, rsa.ExportPkcs8PrivateKey()),
                box.Seal(Purpose, RandomNumberGenerator.GetBytes(32)))),
        };
        try
        {
            store.Write(w => { w.Insert(created); return 0; });
            return created;
        }
        catch (Exception) when (store.Read(r => r.Get<SystemSetting>(Setting)) is { } another)
        {
            // Another replica made them first: everyone uses the same.
            return another;
        }
    }

    private byte[] Open(string sealedKey) => box.TryOpen(Purpose, sealedKey)
        ?? throw new InvalidOperationException("The stored OpenID keys open under no configured server key (Connect:Security:ServerKey, PreviousServerKeys).");

    private sealed record StoredKeys(string KeyId, string Signing, string Encryption);
}
