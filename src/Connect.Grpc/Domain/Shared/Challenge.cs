namespace Connect.Grpc.Domain;

public enum ChallengePurpose { RegistrationEmail = 1, RegistrationPhone = 2, SignInSms = 3, PasswordReset = 4, PhoneChange = 5, MemberPhone = 6, MemberPhoneChange = 7 }

/// <summary>A pending one-time code: only its keyed hash, expiry and failed tries are kept.</summary>
public sealed class Challenge : Entity
{
    public ChallengePurpose Purpose { get; set; }
    /// <summary>What the challenge belongs to (a registration, sign-in or person id).</summary>
    public string SubjectId { get; set; } = "";
    /// <summary>Normalised e-mail address or E.164 number; send limits count per destination.</summary>
    public string Destination { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? ConsumedAt { get; set; }
    /// <summary>Set when a newer code replaced this one.</summary>
    public DateTime? SupersededAt { get; set; }
}
