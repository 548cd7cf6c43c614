namespace Connect.Grpc.Domain;

/// <summary>Lifetimes and limits of application credentials. Bound from <c>Connect:Applications</c>.</summary>
public sealed class ApplicationOptions
{
    /// <summary>How long an access token works; default one hour. Applications ask for a new one before.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a secret is accepted before it must be rotated; default 365 days.</summary>
    public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Active applications one organisation (or the fund's internal apps) may have; default 20.</summary>
    public int MaxActivePerOwner { get; set; } = 20;
}
