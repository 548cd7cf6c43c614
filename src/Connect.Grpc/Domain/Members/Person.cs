namespace Connect.Grpc.Domain;

public sealed class Person : Entity
{
    /// <summary>Lower-cased, unique.</summary>
    public string Email { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    /// <summary>E.164.</summary>
    public string PhoneNumber { get; set; } = "";
    public string Language { get; set; } = Languages.Default;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PasswordChangedAt { get; set; }
    /// <summary>Raised by every password change or reset: sign-ins started before it can no longer finish.</summary>
    public int CredentialVersion { get; set; }
    /// <summary>A new number waiting for its SMS code; the verified <see cref="PhoneNumber"/> stays until then.</summary>
    public string? PendingPhoneNumber { get; set; }
    /// <summary>The enrolled authenticator's TOTP key, sealed under the server key; null when none.</summary>
    public string? AuthenticatorSecret { get; set; }
    /// <summary>A key shown for enrolment and not yet confirmed by a first code, sealed.</summary>
    public string? PendingAuthenticatorSecret { get; set; }
    /// <summary>The last TOTP time step accepted: a code of that step or an earlier one is never accepted again.</summary>
    public long AuthenticatorLastStep { get; set; }
    /// <summary>The WebAuthn creation options of a passkey being added (their challenge serves one answer); null when none.</summary>
    public string? PendingPasskeyOptions { get; set; }
    public DateTime? PendingPasskeyExpiresAt { get; set; }
    /// <summary>When a passkey policy let the person, who had no passkey, sign in once more with other factors; support's reset clears it.</summary>
    public DateTime? PasskeyGraceUsedAt { get; set; }
    /// <summary>Keyed hashes of the unused recovery codes.</summary>
    public List<string> RecoveryCodeHashes { get; set; } = [];
    /// <summary>Keyed hash of the code of the activation e-mail of a person an administrator authorised; null once used.</summary>
    public string? ActivationCodeHash { get; set; }
    public DateTime? ActivationExpiresAt { get; set; }
    public DateTime? ActivationSentAt { get; set; }
    /// <summary>
    /// Set by the fund's second-factor reset: the person has no second factor left and must verify a new mobile number
    /// at their next sign-in before a session is issued.
    /// </summary>
    public bool PhoneNumberRequired { get; set; }
    /// <summary>The folded words of the given and family names, kept by the store on every write (Storage/Keys/PersonKeys): support's name search reads its index.</summary>
    public List<string> NameWords { get; set; } = [];

    /// <summary>False for a person an administrator authorised who has not chosen a password yet.</summary>
    public bool HasPassword() => PasswordHash.Length > 0;
}
