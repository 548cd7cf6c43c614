using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>A membership waiting for its person's consent, with the organisation's name.</summary>
internal sealed record MembershipInvitationView(Membership Membership, string OrganizationName);

/// <summary>
/// A person with an account accepts or declines the organisations that want to give them access. Accepting makes
/// the membership active (the organisation then sees the person's own data); declining removes it, and the
/// organisation's log records the refusal with neither the person's name nor their address.
/// </summary>
internal sealed class MembershipInvitations(IStore store, UnitOfWork work, TimeProvider time)
{
    public IReadOnlyList<MembershipInvitationView> List(SessionInfo session) => store.Read(r =>
    {
        var now = time.UtcNow();
        return r.MembershipsOfPerson(session.PersonId)
            .Where(m => Waits(m, now))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new MembershipInvitationView(m, r.Get<Organization>(m.OrganizationId)?.DisplayName ?? ""))
            .ToList();
    });

    public MembershipInvitationView Accept(Caller caller, SessionInfo session, string? invitationId) => work.Write(change =>
    {
        var w = change.Store;
        var membership = Load(w, session, invitationId);
        var person = MemberChanges.PersonOf(w, membership);
        membership.Accept();
        MemberChanges.Save(w, membership, person, time.UtcNow());
        change.Audit(caller, AuditActions.MembershipAccepted, membership.OrganizationId, "membership", membership.Id, new() { ["person_id"] = person.Id });
        return new MembershipInvitationView(membership, w.Get<Organization>(membership.OrganizationId)?.DisplayName ?? "");
    });

    public void Decline(Caller caller, SessionInfo session, string? invitationId) => work.Write(change =>
    {
        var w = change.Store;
        var membership = Load(w, session, invitationId);
        w.Delete<Membership>(membership.Id);
        // The organisation learns the answer, not who gave it: no actor, no address. The fund's log keeps both.
        change.Audit(Caller.Anonymous(null, null), AuditActions.MembershipDeclined, membership.OrganizationId, "membership", membership.Id);
        change.Audit(caller, AuditActions.PersonMembershipDeclined, null, "person", membership.PersonId, new()
        {
            ["membership_id"] = membership.Id, ["organization_id"] = membership.OrganizationId,
        });
    });

    /// <summary>
    /// A membership waits for consent while it is pending activation for a person who already has a password (one
    /// without a password consents by activating) and its invitation has not expired.
    /// </summary>
    private static bool Waits(Membership membership, DateTime now) =>
        membership.State == MembershipState.PendingActivation && membership.Invitee is not null
        && (membership.InvitationExpiresAt is not { } expires || now < expires);

    /// <summary>The session person's waiting invitation, or NOT_FOUND; the same answer for someone else's and a missing one.</summary>
    private Membership Load(IStoreReader reader, SessionInfo session, string? invitationId)
    {
        var id = Validate.Token("membership_invitation_id", invitationId, ErrorReason.MembershipInvitationNotFound);
        var membership = reader.Get<Membership>(id);
        return membership is not null && membership.PersonId == session.PersonId && Waits(membership, time.UtcNow())
            ? membership
            : throw new ConnectException(ErrorReason.MembershipInvitationNotFound, "The membership invitation does not exist.");
    }
}
