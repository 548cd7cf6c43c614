using System.Collections.Concurrent;

namespace Connect.Grpc.Domain;

/// <summary>
/// Resolved sessions (the session and its membership, by token hash) kept in memory, so that a session check reads
/// nothing while nothing changed (docs/decisions/0037-session-cache.md). Every write that updates or deletes a session or
/// a membership makes the cache forget the sessions it touched before the write returns: a sign-out, a deactivation, a
/// suspension, a password change, a topic or the administrator right changed are refused or narrowed on the very next
/// call. Expiry needs no telling: it is checked against the clock on every call. Another replica's writes are heard by
/// <c>PostgresChangeListener</c> within milliseconds, and on a shared store an entry also lives at most
/// <see cref="StoreLifetime"/>, which bounds what a lost notice can delay. Only live answers are kept; the cache is
/// bounded by <see cref="Capacity"/> entries and forgets everything when full.
/// </summary>
internal sealed class SessionCache(SessionCache.Options options) : IStoreChangeListener
{
    /// <summary>How long an entry may live when other processes write to the same store.</summary>
    public static readonly TimeSpan StoreLifetime = TimeSpan.FromSeconds(1);

    public const int Capacity = 50_000;

    /// <param name="Shared">The store is shared with other processes (PostgreSQL): entries live at most <see cref="StoreLifetime"/>.</param>
    public sealed record Options(bool Shared);

    private sealed record Entry(Session Session, Membership Membership, long ReadAt);

    private readonly ConcurrentDictionary<string, Entry> _byTokenHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokenHashBySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _tokenHashesByMembership = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly long _lifetimeMs = options.Shared ? (long)StoreLifetime.TotalMilliseconds : long.MaxValue;
    private long _generation;

    public int Count => _byTokenHash.Count;

    /// <summary>
    /// The session of <paramref name="tokenHash"/> and its membership, from memory or from <paramref name="read"/>. An
    /// answer read while a write changed any session or membership is returned but not kept: it may predate that write.
    /// </summary>
    public (Session? Session, Membership? Membership) Get(string tokenHash, Func<(Session?, Membership?)> read)
    {
        if (_byTokenHash.TryGetValue(tokenHash, out var kept) && Environment.TickCount64 - kept.ReadAt < _lifetimeMs)
            return (kept.Session, kept.Membership);
        var generation = Volatile.Read(ref _generation);
        var readAt = Environment.TickCount64;
        var found = read();
        if (found is ({ } session, { } membership)) Keep(tokenHash, new Entry(session, membership, readAt), generation);
        return found;
    }

    public void Committed(StoreChanges changes)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var sessionId in changes.SessionIds)
            {
                if (_tokenHashBySession.Remove(sessionId, out var tokenHash)) Forget(tokenHash);
            }
            foreach (var membershipId in changes.MembershipIds)
            {
                if (!_tokenHashesByMembership.Remove(membershipId, out var tokenHashes)) continue;
                foreach (var tokenHash in tokenHashes) Forget(tokenHash);
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _generation++;
            _byTokenHash.Clear();
            _tokenHashBySession.Clear();
            _tokenHashesByMembership.Clear();
        }
    }

    private void Keep(string tokenHash, Entry entry, long generation)
    {
        lock (_gate)
        {
            if (_generation != generation) return;
            if (_byTokenHash.Count >= Capacity)
            {
                _byTokenHash.Clear();
                _tokenHashBySession.Clear();
                _tokenHashesByMembership.Clear();
            }
            if (_byTokenHash.TryGetValue(tokenHash, out var old)) Forget(tokenHash, old);
            _byTokenHash[tokenHash] = entry;
            _tokenHashBySession[entry.Session.Id] = tokenHash;
            if (!_tokenHashesByMembership.TryGetValue(entry.Membership.Id, out var tokenHashes))
                _tokenHashesByMembership[entry.Membership.Id] = tokenHashes = [];
            tokenHashes.Add(tokenHash);
        }
    }

    /// <summary>Removes an entry and its two back references; under the gate.</summary>
    private void Forget(string tokenHash)
    {
        if (_byTokenHash.TryGetValue(tokenHash, out var entry)) Forget(tokenHash, entry);
    }

    private void Forget(string tokenHash, Entry entry)
    {
        _byTokenHash.TryRemove(tokenHash, out _);
        _tokenHashBySession.Remove(entry.Session.Id);
        if (_tokenHashesByMembership.TryGetValue(entry.Membership.Id, out var tokenHashes))
        {
            tokenHashes.Remove(tokenHash);
            if (tokenHashes.Count == 0) _tokenHashesByMembership.Remove(entry.Membership.Id);
        }
    }
}
