namespace Connect.Grpc.Domain;

public enum ApplicationKind { Internal = 1, Partner = 2 }

/// <summary>
/// An application that calls with its own credential: one of the fund's internal apps, or a partner integration of one
/// organisation. Its secrets are kept as hashes only; the client id is public.
/// </summary>
public sealed class Application : Entity
{
    /// <summary>Unique, public half of the credential.</summary>
    public string ClientId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public ApplicationKind Kind { get; set; }
    /// <summary>The organisation a partner integration acts for; null for an internal app.</summary>
    public string? OrganizationId { get; set; }
    /// <summary>Who manages it: the organisation's id for a partner integration, <see cref="InternalOwner"/> for an internal app.</summary>
    public string Owner { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The secrets not yet expired (one, or more during a rotation's overlap).</summary>
    public List<ApplicationSecret> Secrets { get; set; } = [];

    /// <summary>An internal app's OpenID Connect redirect URIs (matched exactly); empty when it does not sign people in.</summary>
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    public string? BackchannelLogoutUri { get; set; }

    /// <summary>The owner while active, null once revoked: the active applications of an owner are counted on its index.</summary>
    public string? ActiveOwner => RevokedAt is null ? Owner : null;

    public const string InternalOwner = "internal";
}

/// <summary>One secret of an application: its hash, never the secret.</summary>
public sealed class ApplicationSecret
{
    public string Id { get; set; } = Ids.New();
    /// <summary>SHA-256 of the secret (256 random bits: a keyed or slow hash would add nothing).</summary>
    public string Hash { get; set; } = "";
    /// <summary>The secret's first characters, to tell secrets apart.</summary>
    public string Hint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
