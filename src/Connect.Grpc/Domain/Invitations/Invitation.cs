using Connect.V1;

namespace Connect.Grpc.Domain;

public enum InvitationDelivery { Email = 1, Letter = 2, Bootstrap = 3 }

public enum InvitationState { Pending = 1, Redeemed = 2, Expired = 3, Revoked = 4 }

/// <summary>
/// An access code for an organisation's administrator. Its state follows from when it was redeemed, revoked or expires;
/// only the methods below end it, each refusing from the wrong state.
/// </summary>
public sealed class Invitation : Entity
{
    public string OrganizationId { get; set; } = "";
    public InvitationDelivery Delivery { get; set; }
    public string? Email { get; set; }
    /// <summary>Keyed hash of the normalised access code; the code itself is never stored.</summary>
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RedeemedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? CreatedBy { get; set; }
    /// <summary>The invitation a resend issued in this one's place (this one is revoked then).</summary>
    public string? ReplacedById { get; private set; }
    /// <summary>The invitation this one replaced.</summary>
    public string? ReplacesId { get; set; }
    /// <summary>The language of an e-mail invitation, so that a resend speaks it again; null for letters, which follow the organisation's.</summary>
    public string? Language { get; set; }

    public InvitationState StateAt(DateTime now) =>
        RedeemedAt is not null ? InvitationState.Redeemed
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Pending;

    /// <summary>Refuses an access code that cannot be used now: expired, or already redeemed or revoked.</summary>
    public void EnsureUsable(DateTime now)
    {
        switch (StateAt(now))
        {
            case InvitationState.Pending:
                return;
            case InvitationState.Expired:
                throw new ConnectException(ErrorReason.AccessCodeExpired, "The access code has expired.");
            default:
                throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        }
    }

    /// <summary>The access code is used up by a finished registration.</summary>
    public void Redeem(DateTime now)
    {
        EnsureUsable(now);
        RedeemedAt = now;
    }

    /// <summary>Ends a pending invitation, so that its code dies at once.</summary>
    public void Revoke(DateTime now)
    {
        if (StateAt(now) != InvitationState.Pending) throw NotPending(now);
        RevokedAt = now;
    }

    /// <summary>Refuses a resend of an invitation that was redeemed or revoked; a pending or expired one may be replaced.</summary>
    public void EnsureReplaceable(DateTime now)
    {
        if (StateAt(now) is not (InvitationState.Pending or InvitationState.Expired)) throw NotPending(now);
    }

    /// <summary>A resend issued <paramref name="invitationId"/> in this one's place: this one is revoked.</summary>
    public void ReplaceBy(string invitationId, DateTime now)
    {
        EnsureReplaceable(now);
        RevokedAt = now;
        ReplacedById = invitationId;
    }

    private ConnectException NotPending(DateTime now) =>
        new(ErrorReason.InvitationNotPending, $"The invitation is {StateAt(now).ToString().ToLowerInvariant()}.");
}
