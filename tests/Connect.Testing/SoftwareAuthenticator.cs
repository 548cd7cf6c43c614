using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib.Cbor;
using Fido2NetLib.Objects;

namespace Connect.Testing;

/// <summary>
/// A WebAuthn authenticator in the test process, as a browser and its authenticator would answer: it reads the options
/// JSON Connect hands out and returns the <c>toJSON()</c> of the credential, signed with a P-256 key it keeps. Its
/// origin, relying party id, counter and user-verification flag can be set wrong on purpose. The bytes are built with
/// Fido2's own types (the server's library), so no CBOR or COSE is written by hand here either.
/// </summary>
public sealed class SoftwareAuthenticator(string origin = "http://console.test", string relyingPartyId = "console.test") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The credential id this authenticator creates (one credential per instance).</summary>
    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The user handle it stored at creation, given back in assertions like a discoverable credential.</summary>
    public byte[]? UserHandle { get; private set; }

    /// <summary>The signature counter of the next answer; each answer raises it by one.</summary>
    public uint Counter { get; set; } = 1;

    public string Origin { get; set; } = origin;

    public string RelyingPartyId { get; set; } = relyingPartyId;

    public bool UserVerified { get; set; } = true;

    /// <summary>How <see cref="Create"/> attests: none (the default), self (signed with the new key), or full with a model's certificate.</summary>
    public PasskeyAttestation Attestation { get; set; } = PasskeyAttestation.None;

    /// <summary>The model it claims to be (all zeros: none); with <see cref="PasskeyAttestation.Full"/>, the certificate's.</summary>
    public TestAuthenticatorModel? Model { get; set; }

    /// <summary>The <c>RegistrationResponseJSON</c> for <paramref name="optionsJson"/> (a <c>PublicKeyCredentialCreationOptionsJSON</c>).</summary>
    public string Create(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        UserHandle = Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", options["challenge"]!.GetValue<string>());
        var authenticatorData = new AuthenticatorData(RelyingPartyIdHash(), Flags() | AuthenticatorFlags.AT, Counter++,
            new AttestedCredentialData(Model?.AaGuid ?? Guid.Empty, CredentialId, new CredentialPublicKey(_key, COSE.Algorithm.ES256))).ToByteArray();
        var attestationObject = new CborMap
        {
            { "fmt", Attestation == PasskeyAttestation.None ? "none" : "packed" },
            { "attStmt", Statement(authenticatorData, clientData) },
            { "authData", authenticatorData },
        }.Encode();
        return Json(new
        {
            id = Base64Url.EncodeToString(CredentialId),
            rawId = Base64Url.EncodeToString(CredentialId),
            type = "public-key",
            response = new
            {
                clientDataJSON = Base64Url.EncodeToString(clientData),
                attestationObject = Base64Url.EncodeToString(attestationObject),
                transports = new[] { "internal" },
            },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    /// <summary>The <c>AuthenticationResponseJSON</c> for <paramref name="optionsJson"/> (a <c>PublicKeyCredentialRequestOptionsJSON</c>).</summary>
    public string Get(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        var authenticatorData = new AuthenticatorData(RelyingPartyIdHash(), Flags(), Counter++, null).ToByteArray();
        var signature = Sign(_key, [.. authenticatorData, .. SHA256.HashData(clientData)]);
        return Json(new
        {
            id = Base64Url.EncodeToString(CredentialId),
            rawId = Base64Url.EncodeToString(CredentialId),
            type = "public-key",
            response = new
            {
                clientDataJSON = Base64Url.EncodeToString(clientData),
                authenticatorData = Base64Url.EncodeToString(authenticatorData),
                signature = Base64Url.EncodeToString(signature),
                userHandle = UserHandle is null ? null : Base64Url.EncodeToString(UserHandle),
            },
            clientExtensionResults = new { },
            authenticatorAttachment = "platform",
        });
    }

    public void Dispose() => _key.Dispose();

    /// <summary>The packed attestation statement: a signature over the data, by the model's certificate (with it) or the new key.</summary>
    private CborMap Statement(byte[] authenticatorData, byte[] clientData)
    {
        if (Attestation == PasskeyAttestation.None) return new CborMap();
        byte[] signed = [.. authenticatorData, .. SHA256.HashData(clientData)];
        if (Attestation == PasskeyAttestation.Self)
            return new CborMap { { "alg", (int)COSE.Algorithm.ES256 }, { "sig", Sign(_key, signed) } };
        var certificate = Model?.AttestationCertificate ?? throw new InvalidOperationException("A full attestation needs a model.");
        using var attestationKey = certificate.GetECDsaPrivateKey()!;
        return new CborMap { { "alg", (int)COSE.Algorithm.ES256 }, { "sig", Sign(attestationKey, signed) }, { "x5c", new CborArray { certificate.RawData } } };
    }

    private static byte[] Sign(ECDsa key, byte[] data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    private AuthenticatorFlags Flags() => AuthenticatorFlags.UP | (UserVerified ? AuthenticatorFlags.UV : 0);

    private byte[] RelyingPartyIdHash() => SHA256.HashData(Encoding.UTF8.GetBytes(RelyingPartyId));

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin = Origin, crossOrigin = false });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

/// <summary>The attestation a <see cref="SoftwareAuthenticator"/> gives when it creates a credential.</summary>
public enum PasskeyAttestation { None, Self, Full }
