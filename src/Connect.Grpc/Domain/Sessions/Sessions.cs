using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>What a valid session says about its caller.</summary>
public sealed record SessionInfo(string SessionId, string PersonId, string OrganizationId, bool Administrator, bool Operator,
    IReadOnlyList<string> TopicIds, DateTime ExpiresAt)
{
    /// <summary>The session may only add a passkey (<see cref="Session.PasskeyEnrollmentRequired"/>).</summary>
    public bool PasskeyEnrollmentRequired { get; init; }
}

/// <summary>
/// Opaque bearer sessions: a 256-bit token of which only the SHA-256 is stored; idle 30 minutes, at most
/// 12 hours. Resolving one is a read of <see cref="SessionCache"/>, or an indexed lookup, never a password hash.
/// </summary>
internal sealed class Sessions(IStore store, UnitOfWork work, TimeProvider time, Organizations organizations, TopicCatalogue topics,
    SessionCache cache)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>Last-used times are written at most this often, so that a busy session does not write on every call.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public (string Token, Session Session) Issue(IStoreWriter transaction, string personId, string organizationId, Caller caller,
        bool passkeyEnrollmentRequired = false)
    {
        var now = time.UtcNow();
        var token = Secrets.NewToken();
        var session = new Session
        {
            TokenHash = Secrets.HashToken(token),
            PersonId = personId,
            OrganizationId = organizationId,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + AbsoluteLifetime,
            ClientAddress = caller.ClientAddress,
            UserAgent = caller.UserAgent is { Length: > 256 } agent ? agent[..256] : caller.UserAgent,
            PasskeyEnrollmentRequired = passkeyEnrollmentRequired,
        };
        transaction.Insert(session);
        return (token, session);
    }

    /// <summary>
    /// The session of a bearer token, or UNAUTHENTICATED <c>SESSION_INVALID</c>. The organisation is not read: its
    /// suspension ends its sessions in the same write, and no path issues a session for a suspended one.
    /// </summary>
    public SessionInfo Resolve(string token)
    {
        var now = time.UtcNow();
        var invalid = new ConnectException(ErrorReason.SessionInvalid, "The session is unknown, expired or ended.");
        if (token.Length is 0 or > 128) throw invalid;
        var hash = Secrets.HashToken(token);
        var (session, membership) = cache.Session(hash, () => store.Read(r => r.SessionWithMembership(hash)));
        if (session is null || !IsLive(session, now) || membership is null || membership.State != MembershipState.Active) throw invalid;
        if (now - session.LastUsedAt >= TouchInterval)
        {
            work.Write(change =>
            {
                var w = change.Store;
                var current = w.Get<Session>(session.Id);
                if (current is null) return;
                current.LastUsedAt = now;
                w.Update(current);
            });
        }
        return new SessionInfo(session.Id, session.PersonId, session.OrganizationId, membership.Administrator,
            membership.Administrator && session.OrganizationId == organizations.FundOrganizationId(), topics.Live(membership.TopicIds), session.ExpiresAt)
        {
            PasskeyEnrollmentRequired = session.PasskeyEnrollmentRequired,
        };
    }

    /// <summary>The person's sessions that are neither ended nor expired.</summary>
    public IReadOnlyList<Session> Active(IStoreReader reader, string personId)
    {
        var now = time.UtcNow();
        // The expiry is part of the query: a person's ended sessions pile up over the years, the live ones are
        // at most 12 hours' worth, so the answer never reaches the reader's row limit.
        return reader.UnexpiredSessionsOfPerson(personId, now)
            .Where(s => IsLive(s, now))
            .ToList();
    }

    /// <summary>Neither ended, nor past its 12 hours, nor idle for 30 minutes.</summary>
    public static bool IsLive(Session session, DateTime now) =>
        session.RevokedAt is null && now < session.ExpiresAt && now - session.LastUsedAt < IdleTimeout;

    /// <summary>Ends a session; true when it was still active.</summary>
    public bool Revoke(IStoreWriter transaction, Session session)
    {
        if (session.RevokedAt is not null) return false;
        session.RevokedAt = time.UtcNow();
        transaction.Update(session);
        return true;
    }

    /// <summary>
    /// Ends every session of the organisation that has not expired; returns how many were live. The expiry bounds the
    /// read like <see cref="Active"/>: the organisation's ended sessions of past years are never read.
    /// </summary>
    public int RevokeAllOfOrganization(IStoreWriter transaction, string organizationId)
    {
        var now = time.UtcNow();
        var ended = 0;
        // Each batch is revoked before the next read, so the query never finds the same session twice.
        while (transaction.OpenSessionsOfOrganization(organizationId, now, 500) is { Count: > 0 } batch)
        {
            foreach (var session in batch)
            {
                if (IsLive(session, now)) ended++;
                Revoke(transaction, session);
            }
        }
        return ended;
    }

    /// <summary>Ends every active session of the person but <paramref name="exceptSessionId"/>; returns how many ended.</summary>
    public int RevokeAll(IStoreWriter transaction, string personId, string? exceptSessionId = null) =>
        Active(transaction, personId).Where(s => s.Id != exceptSessionId).Count(s => Revoke(transaction, s));
}
