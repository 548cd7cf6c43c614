using System.Security.Cryptography;
using System.Text;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The derived lookup key of a passkey: the SHA-256 of its credential id in lower-case hex. A credential id is
/// base64url, where case matters, and may be up to 1,023 bytes; LiteDB's indexes ignore case and keep keys under 1,024
/// bytes, so the index holds this fixed-width key, the same on every engine.
/// </summary>
internal static class PasskeyKeys
{
    public static void Refresh(Passkey passkey) => passkey.CredentialKey = KeyOf(passkey.CredentialId);

    public static string KeyOf(string credentialId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credentialId)));
}
