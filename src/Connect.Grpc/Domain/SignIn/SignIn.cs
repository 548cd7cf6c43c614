namespace Connect.Grpc.Domain;

public enum SignInPurpose { SignIn = 1, PasswordReset = 2, Passkey = 3 }

/// <remarks><see cref="PasskeyRequested"/>: a sign-in with a passkey alone, waiting for the authenticator's answer.</remarks>
public enum SignInStep { ResetCodeSent = 1, PasswordVerified = 2, SecondFactorVerified = 3, Completed = 4, PasskeyRequested = 5 }

/// <summary>A sign-in (or password reset) in progress, reached with a secret token of which only the hash is kept.</summary>
public sealed class SignIn : Entity
{
    public string TokenHash { get; set; } = "";
    public SignInPurpose Purpose { get; set; }
    public SignInStep Step { get; set; }
    /// <summary>Null for a password reset of an unknown address, which must look like any other.</summary>
    public string? PersonId { get; set; }
    /// <summary>Normalised address, for the lock and the send limits.</summary>
    public string Email { get; set; } = "";
    /// <summary>A reset's new password, applied only once the second factor succeeded.</summary>
    public string? NewPasswordHash { get; set; }
    /// <summary>Wrong codes so far, of the reset's e-mailed code and every second factor together; the fifth ends the sign-in for good.</summary>
    public int SecondFactorFailures { get; set; }
    /// <summary>The person's <see cref="Person.CredentialVersion"/> when the sign-in began.</summary>
    public int CredentialVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>The WebAuthn request options of the passkey asked for (their challenge serves one answer); null when none.</summary>
    public string? PasskeyOptions { get; set; }
    public DateTime? PasskeyExpiresAt { get; set; }
    /// <summary>Set by a second factor a passkey policy allowed once: the session issued may only add a passkey.</summary>
    public bool PasskeyEnrollmentRequired { get; set; }
    /// <summary>After a second-factor reset: the new mobile number the SMS code went to, made the person's verified one when the code is right.</summary>
    public string? PendingPhoneNumber { get; set; }
}
