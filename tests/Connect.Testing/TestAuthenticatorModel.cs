using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Connect.Testing;

/// <summary>
/// A hardware authenticator model as a fund would list it: a root CA, an attestation certificate for the model's AAGUID
/// (the FIDO extension id-fido-gen-ce-aaguid), and its FIDO metadata statement written to a folder, as
/// <c>Connect:Passkeys:MetadataDirectory</c> reads it.
/// </summary>
public sealed class TestAuthenticatorModel : IDisposable
{
    private const string AaguidExtension = "1.3.6.1.4.1.45724.1.1.4";

    /// <param name="directory">Where its metadata statement is written.</param>
    /// <param name="aaguid">The model's AAGUID; a new one when null (another's, to forge a listed model under a root of its own).</param>
    public TestAuthenticatorModel(string directory, Guid? aaguid = null)
    {
        AaGuid = aaguid ?? Guid.NewGuid();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Connect Test Authenticators Root, O=Connect Tests, C=CH", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Connect Test Key, OU=Authenticator Attestation, O=Connect Tests, C=CH", attestationKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var extension = new AsnWriter(AsnEncodingRules.DER);
        extension.WriteOctetString(AaGuid.ToByteArray(bigEndian: true));
        request.CertificateExtensions.Add(new X509Extension(AaguidExtension, extension.Encode(), false));
        using var issued = request.Create(root, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(8));
        AttestationCertificate = issued.CopyWithPrivateKey(attestationKey);

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "connect-test-key.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["aaguid"] = AaGuid.ToString(),
            ["description"] = "Connect test security key",
            ["authenticatorVersion"] = 1,
            ["protocolFamily"] = "fido2",
            ["schema"] = 3,
            ["upv"] = new[] { new { major = 1, minor = 0 } },
            ["authenticationAlgorithms"] = new[] { "secp256r1_ecdsa_sha256_raw" },
            ["publicKeyAlgAndEncodings"] = new[] { "cose" },
            ["attestationTypes"] = new[] { "basic_full" },
            ["userVerificationDetails"] = new[] { new[] { new { userVerificationMethod = "presence_internal" } } },
            ["keyProtection"] = new[] { "hardware", "secure_element" },
            ["matcherProtection"] = new[] { "on_chip" },
            ["attachmentHint"] = new[] { "external" },
            ["tcDisplay"] = Array.Empty<string>(),
            ["attestationRootCertificates"] = new[] { Convert.ToBase64String(root.RawData) },
        }));
    }

    /// <summary>The model's AAGUID, as the metadata statement and the attestation certificate name it.</summary>
    public Guid AaGuid { get; }

    /// <summary>The batch certificate every key of the model attests with, and its private key.</summary>
    public X509Certificate2 AttestationCertificate { get; }

    public void Dispose() => AttestationCertificate.Dispose();
}
