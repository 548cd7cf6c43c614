namespace Connect.Grpc.Domain;

public enum InvitationDelivery { Email = 1, Letter = 2, Bootstrap = 3 }

public enum InvitationState { Pending = 1, Redeemed = 2, Expired = 3, Revoked = 4 }

public sealed class Invitation : Entity
{
    public string OrganizationId { get; set; } = "";
    public InvitationDelivery Delivery { get; set; }
    public string? Email { get; set; }
    /// <summary>Keyed hash of the normalised access code; the code itself is never stored.</summary>
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RedeemedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>The invitation a resend issued in this one's place (this one is revoked then).</summary>
    public string? ReplacedById { get; set; }
    /// <summary>The invitation this one replaced.</summary>
    public string? ReplacesId { get; set; }
    /// <summary>The language of an e-mail invitation, so that a resend speaks it again; null for letters, which follow the organisation's.</summary>
    public string? Language { get; set; }

    public InvitationState StateAt(DateTime now) =>
        RedeemedAt is not null ? InvitationState.Redeemed
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Pending;
}
