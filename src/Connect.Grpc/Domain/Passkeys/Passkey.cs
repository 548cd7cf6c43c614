namespace Connect.Grpc.Domain;

/// <summary>
/// A person's WebAuthn credential (a passkey or a security key). Only what verifies its signatures is kept: the public
/// key and the signature counter; nothing that could sign in by itself.
/// </summary>
public sealed class Passkey : Entity
{
    public string PersonId { get; set; } = "";
    /// <summary>The credential id in base64url, unique across all persons: a credential belongs to one person.</summary>
    public string CredentialId { get; set; } = "";
    /// <summary>The store's lookup key of <see cref="CredentialId"/>, kept by the store on every write (Storage/Keys/PasskeyKeys).</summary>
    public string CredentialKey { get; set; } = "";
    /// <summary>The COSE public key, as the authenticator gave it at registration.</summary>
    public byte[] PublicKey { get; set; } = [];
    /// <summary>The highest signature counter seen; an answer that does not exceed it (when counting) is a clone's.</summary>
    public long SignCount { get; set; }
    /// <summary>The name the person gave it.</summary>
    public string Name { get; set; } = "";
    /// <summary>The authenticator model (AAGUID), all zeros when the authenticator does not say.</summary>
    public Guid AaGuid { get; set; }
    /// <summary>The transports the browser reported ("internal", "usb", "hybrid"…), offered back when asking for it.</summary>
    public List<string> Transports { get; set; } = [];
    /// <summary>True when the credential is synced to other devices (backup state), as last reported.</summary>
    public bool BackedUp { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
