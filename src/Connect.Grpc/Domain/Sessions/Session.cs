namespace Connect.Grpc.Domain;

public sealed class Session : Entity
{
    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>A passkey policy covers the person, who has none yet: the session may only add one (cleared when they do).</summary>
    public bool PasskeyEnrollmentRequired { get; set; }
}
