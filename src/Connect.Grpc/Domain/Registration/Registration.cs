namespace Connect.Grpc.Domain;

public enum RegistrationStep
{
    EmailRequired = 1,
    EmailCodeSent = 2,
    EmailVerified = 3,
    ProfileCompleted = 4,
    PhoneCodeSent = 5,
    PhoneVerified = 6,
    Finished = 7,
}

/// <summary>A registration in progress, reached with a secret token of which only the hash is kept.</summary>
public sealed class Registration : Entity
{
    public string TokenHash { get; set; } = "";
    /// <summary>Hash of the secret in the e-mail's link; null once used or before an e-mail was sent.</summary>
    public string? LinkTokenHash { get; set; }
    public string InvitationId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    /// <summary>Copied at the start, so every answer can name the organisation without another read.</summary>
    public string OrganizationName { get; set; } = "";
    public RegistrationStep Step { get; set; }
    public string? Email { get; set; }
    public string Language { get; set; } = Languages.Default;
    /// <summary>Set once the e-mail is verified and belongs to a person.</summary>
    public string? ExistingPersonId { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PasswordHash { get; set; }
    public string? PhoneNumber { get; set; }
    /// <summary>Wrong passwords of an existing person confirming; the registration dies at 5.</summary>
    public int PasswordFailures { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
