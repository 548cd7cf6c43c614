using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Connect.V1;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Logging;

namespace Connect.Grpc.Domain;

/// <summary>
/// The WebAuthn ceremonies, through Fido2 (decision 0045): the options Connect hands to the browser, kept as JSON on the
/// person or sign-in that asked for them, and the verification of the browser's answer against those options, the
/// configured relying party and origins, and the stored public key and signature counter. No CBOR or COSE here.
/// </summary>
internal sealed class PasskeyCeremonies(IFido2 fido2, TimeProvider time, AcceptedAuthenticators accepted, ILogger<PasskeyCeremonies> logger)
{
    /// <summary>How long a challenge waits for its answer; the browser is told the same.</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The most passkeys one person may have.</summary>
    public const int MaxPerPerson = 10;

    /// <summary>The largest answer accepted: a real one is a few KiB (more with an attestation certificate chain).</summary>
    public const int MaxAnswerLength = 64 * 1024;

    public DateTime ExpiryFromNow() => time.UtcNow() + ChallengeLifetime;

    /// <summary>Creation options for a discoverable credential with user verification, excluding the person's own credentials.</summary>
    public string RegistrationOptions(Person person, IReadOnlyList<Passkey> existing) => fido2.RequestNewCredential(new RequestNewCredentialParams
    {
        User = new Fido2User { Id = UserHandle(person.Id), Name = person.Email, DisplayName = $"{person.GivenName} {person.FamilyName}" },
        ExcludeCredentials = [.. existing.Select(Descriptor)],
        AuthenticatorSelection = new AuthenticatorSelection
        {
            ResidentKey = ResidentKeyRequirement.Required,
            UserVerification = UserVerificationRequirement.Required,
        },
        // Only a fund that accepts listed models alone needs to see the authenticator's certificate.
        AttestationPreference = accepted.Restricted ? AttestationConveyancePreference.Direct : AttestationConveyancePreference.None,
        Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
    }).ToJson();

    /// <summary>Request options: the person's credentials for a second factor, none (the authenticator offers its discoverable ones) for a passkey alone.</summary>
    public string AssertionOptions(IReadOnlyList<Passkey> allowed, bool passwordless) => fido2.GetAssertionOptions(new GetAssertionOptionsParams
    {
        AllowedCredentials = [.. allowed.Select(Descriptor)],
        // Alone, the passkey stands for both factors: the authenticator must have verified the person (PIN, biometrics).
        UserVerification = passwordless ? UserVerificationRequirement.Required : UserVerificationRequirement.Preferred,
    }).ToJson();

    /// <summary>The registration answer checked against its options; null (and why, in the log) when it does not verify.</summary>
    public async Task<RegisteredPublicKeyCredential?> VerifyRegistrationAsync(string optionsJson, AuthenticatorAttestationRawResponse answer,
        CancellationToken cancellationToken)
    {
        try
        {
            var credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                // Whether the credential is new is asked inside the write that stores it, where the answer holds.
                IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true),
            }, cancellationToken);
            if (accepted.Accepts(credential.AaGuid, credential.AttestationObject)) return credential;
            logger.LogInformation("A passkey of authenticator model {AaGuid} ({Format} attestation) is not among the accepted models.",
                credential.AaGuid, credential.AttestationFormat);
            return null;
        }
        catch (Fido2VerificationException refused)
        {
            logger.LogInformation("A passkey registration did not verify: {Error}.", refused.Code);
            return null;
        }
    }

    /// <summary>
    /// The answer checked against its options and the stored credential; the new signature counter, or null (and why,
    /// in the log) when it does not verify, including a counter that did not increase.
    /// </summary>
    public async Task<VerifyAssertionResult?> VerifyAssertionAsync(string optionsJson, AuthenticatorAssertionRawResponse answer, Passkey passkey,
        CancellationToken cancellationToken)
    {
        try
        {
            return await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer,
                OriginalOptions = Fido2NetLib.AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)passkey.SignCount,
                // The user handle, when the authenticator gives one, must be the credential's owner.
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(
                    CredentialId(p.CredentialId) == passkey.CredentialId && p.UserHandle.AsSpan().SequenceEqual(UserHandle(passkey.PersonId))),
            }, cancellationToken);
        }
        catch (Fido2VerificationException refused)
        {
            logger.LogInformation("A passkey answer for passkey {PasskeyId} did not verify: {Error}.", passkey.Id, refused.Code);
            return null;
        }
    }

    /// <summary>
    /// Records a verified answer on the stored credential, read again inside the write: false when its counter did not
    /// increase past the stored one (when either counts), which is what a cloned authenticator looks like.
    /// </summary>
    public bool RecordUse(IStoreWriter w, Passkey passkey, VerifyAssertionResult verified)
    {
        if (w.Get<Passkey>(passkey.Id) is not { } current) return false;
        if ((verified.SignCount > 0 || current.SignCount > 0) && verified.SignCount <= current.SignCount)
        {
            logger.LogWarning("Passkey {PasskeyId} answered with signature counter {Counter} after {Stored}: refused as a possible clone.",
                current.Id, verified.SignCount, current.SignCount);
            return false;
        }
        current.SignCount = verified.SignCount;
        current.BackedUp = verified.IsBackedUp;
        current.LastUsedAt = time.UtcNow();
        w.Update(current);
        return true;
    }

    /// <summary>The browser's registration answer; INVALID_ARGUMENT <c>FIELD_INVALID</c> when it is not one.</summary>
    public static AuthenticatorAttestationRawResponse ParseRegistration(string field, string? json) =>
        Parse<AuthenticatorAttestationRawResponse>(field, json, r => r.RawId is { Length: > 0 } && r.Response?.AttestationObject is { Length: > 0 } && r.Response.ClientDataJson is { Length: > 0 });

    /// <summary>The browser's authentication answer; INVALID_ARGUMENT <c>FIELD_INVALID</c> when it is not one.</summary>
    public static AuthenticatorAssertionRawResponse ParseAssertion(string field, string? json) =>
        Parse<AuthenticatorAssertionRawResponse>(field, json, r => r.RawId is { Length: > 0 } && r.Response?.AuthenticatorData is { Length: > 0 }
            && r.Response.ClientDataJson is { Length: > 0 } && r.Response.Signature is { Length: > 0 });

    /// <summary>A credential id as stored: base64url.</summary>
    public static string CredentialId(byte[] rawId) => Base64Url.EncodeToString(rawId);

    /// <summary>The WebAuthn user handle of a person: their id, which says nothing about them.</summary>
    public static byte[] UserHandle(string personId) => Encoding.UTF8.GetBytes(personId);

    private static PublicKeyCredentialDescriptor Descriptor(Passkey passkey) => new(
        PublicKeyCredentialType.PublicKey,
        Base64Url.DecodeFromChars(passkey.CredentialId),
        [.. passkey.Transports.Select(t => Enum.TryParse<AuthenticatorTransport>(t, out var transport) ? transport : (AuthenticatorTransport?)null)
            .OfType<AuthenticatorTransport>()]);

    private static T Parse<T>(string field, string? json, Func<T, bool> complete) where T : class
    {
        if (string.IsNullOrEmpty(json)) throw ConnectException.Field(field, "is required");
        if (json.Length > MaxAnswerLength) throw ConnectException.Field(field, $"must be at most {MaxAnswerLength} characters");
        try
        {
            return JsonSerializer.Deserialize<T>(json) is { } parsed && complete(parsed)
                ? parsed
                : throw ConnectException.Field(field, "is not the JSON of a WebAuthn credential");
        }
        catch (Exception malformed) when (malformed is JsonException or FormatException or NotSupportedException or ArgumentException)
        {
            throw ConnectException.Field(field, "is not the JSON of a WebAuthn credential");
        }
    }
}
