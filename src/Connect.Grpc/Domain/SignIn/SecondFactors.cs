using Connect.Grpc.Security;
using Microsoft.Extensions.Logging;

namespace Connect.Grpc.Domain;

public enum SecondFactorKind { Sms = 1, Authenticator = 2, RecoveryCode = 3, Passkey = 4 }

/// <summary>
/// A person's second factors besides SMS: the authenticator app (TOTP, its key sealed under the server key,
/// a code never accepted twice) and 10 one-time recovery codes (only keyed hashes kept, in the access
/// codes' unambiguous format). The methods change <see cref="Person"/>; the caller saves it in its write.
/// An authenticator key sealed under a previous server key is sealed again under the current one when its code is
/// accepted, so that the previous key can be retired once the people who use an authenticator have signed in.
/// </summary>
internal sealed class SecondFactors(Secrets secrets, SecretBox box, AuthenticatorCodes codes, ILogger<SecondFactors> logger)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The factors the person can use, the preferred one first: a passkey, which no fake page can replay.</summary>
    public static IReadOnlyList<SecondFactorKind> Available(Person person, bool hasPasskey)
    {
        var factors = new List<SecondFactorKind>();
        if (hasPasskey) factors.Add(SecondFactorKind.Passkey);
        if (person.AuthenticatorSecret is not null) factors.Add(SecondFactorKind.Authenticator);
        if (person.PhoneNumber.Length > 0) factors.Add(SecondFactorKind.Sms);
        if (person.RecoveryCodeHashes.Count > 0) factors.Add(SecondFactorKind.RecoveryCode);
        return factors;
    }

    /// <summary>True, and the code's time step remembered, when the authenticator code is right and new.</summary>
    public bool UseAuthenticatorCode(Person person, string? code)
    {
        if (person.AuthenticatorSecret is null || Open(person, person.AuthenticatorSecret) is not { } key) return false;
        var step = codes.Match(key, code, person.AuthenticatorLastStep);
        if (step is null) return false;
        person.AuthenticatorLastStep = step.Value;
        if (!box.IsSealedUnderCurrentKey(person.AuthenticatorSecret)) person.AuthenticatorSecret = box.Seal(SealPurpose(person), key);
        return true;
    }

    /// <summary>True, and the code used up, when it is one of the person's recovery codes.</summary>
    public bool UseRecoveryCode(Person person, string? code)
    {
        if (AccessCodes.Normalize(code) is not { } normalized) return false;
        var match = person.RecoveryCodeHashes.FirstOrDefault(hash => secrets.KeyedHashMatches(RecoveryPurpose(person), normalized, hash));
        return match is not null && person.RecoveryCodeHashes.Remove(match);
    }

    /// <summary>Replaces the person's recovery codes with 10 new ones; returns them for showing once.</summary>
    public IReadOnlyList<string> NewRecoveryCodes(Person person)
    {
        var created = Enumerable.Range(0, RecoveryCodeCount).Select(_ => AccessCodes.New()).ToList();
        person.RecoveryCodeHashes = created.Select(code => secrets.KeyedHash(RecoveryPurpose(person), code)).ToList();
        return created.Select(AccessCodes.Format).ToList();
    }

    /// <summary>Keeps a new authenticator key pending; returns it as text and as an <c>otpauth://</c> URI.</summary>
    public (string Secret, string Uri) StartEnrollment(Person person)
    {
        var key = AuthenticatorCodes.NewKey();
        person.PendingAuthenticatorSecret = box.Seal(SealPurpose(person), key);
        return (AuthenticatorCodes.ToText(key), AuthenticatorCodes.Uri(key, person.Email));
    }

    /// <summary>True, and the pending key enrolled, when <paramref name="code"/> is the pending key's current code.</summary>
    public bool ConfirmEnrollment(Person person, string? code)
    {
        if (person.PendingAuthenticatorSecret is null || Open(person, person.PendingAuthenticatorSecret) is not { } key) return false;
        var step = codes.Match(key, code, lastAcceptedStep: 0);
        if (step is null) return false;
        person.AuthenticatorSecret = box.IsSealedUnderCurrentKey(person.PendingAuthenticatorSecret)
            ? person.PendingAuthenticatorSecret
            : box.Seal(SealPurpose(person), key);
        person.PendingAuthenticatorSecret = null;
        person.AuthenticatorLastStep = step.Value;
        return true;
    }

    public static void RemoveAuthenticator(Person person)
    {
        person.AuthenticatorSecret = null;
        person.PendingAuthenticatorSecret = null;
        person.AuthenticatorLastStep = 0;
    }

    private byte[]? Open(Person person, string sealedKey)
    {
        var key = box.TryOpen(SealPurpose(person), sealedKey);
        // Refused like a wrong code, so the person can still use SMS or a recovery code; the operator learns why.
        if (key is null) logger.LogWarning("The authenticator key of person {PersonId} opens under no configured server key: its key was removed from Connect:Security:PreviousServerKeys too early, or the stored value was altered.", person.Id);
        return key;
    }

    private static string SealPurpose(Person person) => "authenticator:" + person.Id;

    private static string RecoveryPurpose(Person person) => "recovery-code:" + person.Id;
}
