using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>What a session's person sees of their own session: who they are, their organisations and sessions.</summary>
internal sealed record WhoAmI(SessionInfo Session, Person Person, Organization Organization);

/// <summary>
/// The calls a person makes about their sessions, and the two questions internal apps ask on every request
/// of theirs (<see cref="WhoAmI"/>, <see cref="CheckAccess"/>): answered from the resolved session, and for
/// <see cref="WhoAmI"/> its person and organisation, all from memory while they do not change.
/// </summary>
internal sealed class SessionFlow(IStore store, UnitOfWork work, TimeProvider time, Sessions sessions, SessionCache cache)
{
    /// <summary>The session's person and organisation, from memory while they do not change (<see cref="SessionCache"/>).</summary>
    public WhoAmI WhoAmI(SessionInfo session) => new(session,
        cache.Person(session.PersonId, () => store.Read(r => r.Get<Person>(session.PersonId))) ?? throw Invalid(),
        cache.Organization(session.OrganizationId, () => store.Read(r => r.Get<Organization>(session.OrganizationId))) ?? throw Invalid());

    public static bool CheckAccess(SessionInfo session, string? topicId)
    {
        var topic = Validate.Token("topic_id", topicId, ErrorReason.TopicNotFound, max: 64);
        return session.TopicIds.Contains(topic, StringComparer.Ordinal);
    }

    public IReadOnlyList<(Membership Membership, Organization Organization)> Organizations(SessionInfo session) =>
        store.Read(r => ActiveMemberships.Of(r, session.PersonId));

    /// <summary>Issues a session for another of the person's organisations and ends the current one.</summary>
    public (string Token, Session Session) Switch(Caller caller, SessionInfo session, string? organizationId)
    {
        var target = Validate.Token("organization_id", organizationId, ErrorReason.OrganizationNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            if (ActiveMemberships.Of(w, session.PersonId).All(o => o.Organization.Id != target))
                throw new ConnectException(ErrorReason.OrganizationNotFound, "The person is not an active member of this organisation.");
            if (w.Get<Session>(session.SessionId) is { } current) sessions.Revoke(w, current);
            var issued = sessions.Issue(w, session.PersonId, target, caller);
            change.Audit(caller, AuditActions.SessionCreated, target, "session", issued.Session.Id,
                new() { ["person_id"] = session.PersonId, ["via"] = "organization_switch", ["previous_session_id"] = session.SessionId });
            return issued;
        });
    }

    public void SignOut(Caller caller, SessionInfo session) => work.Write(change =>
    {
        var w = change.Store;
        if (w.Get<Session>(session.SessionId) is { } current && sessions.Revoke(w, current))
            change.Audit(caller, AuditActions.SessionEnded, session.OrganizationId, "session", session.SessionId, new() { ["by"] = "sign_out" });
    });

    public int SignOutEverywhere(Caller caller, SessionInfo session) => work.Write(change =>
    {
        var w = change.Store;
        var ended = sessions.RevokeAll(w, session.PersonId);
        change.Audit(caller, AuditActions.PersonSignedOutEverywhere, session.OrganizationId, "person", session.PersonId,
            new() { ["ended_sessions"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return ended;
    });

    /// <summary>The person's active sessions, newest first, each with its organisation's name.</summary>
    public IReadOnlyList<(Session Session, string OrganizationName)> List(SessionInfo session) => store.Read(r =>
    {
        var names = new Dictionary<string, string>();
        return sessions.Active(r, session.PersonId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Select(s => (s, names.TryGetValue(s.OrganizationId, out var name) ? name
                : names[s.OrganizationId] = r.Get<Organization>(s.OrganizationId)?.DisplayName ?? ""))
            .ToList();
    });

    public void Revoke(Caller caller, SessionInfo session, string? sessionId)
    {
        var id = Validate.Token("session_id", sessionId, ErrorReason.SessionNotFound);
        work.Write(change =>
        {
            var w = change.Store;
            var target = w.Get<Session>(id);
            // Another person's session answers exactly like one that does not exist.
            if (target is null || target.PersonId != session.PersonId || !Sessions.IsLive(target, time.UtcNow()))
                throw new ConnectException(ErrorReason.SessionNotFound, "No such session of yours.");
            sessions.Revoke(w, target);
            change.Audit(caller, AuditActions.SessionEnded, target.OrganizationId, "session", target.Id, new() { ["by"] = "revoke" });
        });
    }

    private static ConnectException Invalid() => new(ErrorReason.SessionInvalid, "The session is unknown, expired or ended.");
}
