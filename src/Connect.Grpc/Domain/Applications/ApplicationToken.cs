namespace Connect.Grpc.Domain;

/// <summary>A short-lived access token of an application; only its hash is stored.</summary>
public sealed class ApplicationToken : Entity
{
    public string TokenHash { get; set; } = "";
    public string ApplicationId { get; set; } = "";
    /// <summary>The secret it was issued for: when that secret expires (rotation), the token dies with it.</summary>
    public string SecretId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
