using System.Collections.Concurrent;

namespace Connect.Grpc.Domain;

/// <summary>
/// What session checks read, kept in memory so that they read nothing while nothing changed
/// (docs/decisions/0037-session-cache.md): resolved sessions (the session and its membership, by token hash), and the
/// persons, organisations and memberships that <c>WhoAmI</c>, <c>GetMember</c> and member pages show, and the member
/// pages' ids. Every write that updates or deletes one of them (or inserts a membership) makes the cache forget it before the write returns: a sign-out, a deactivation, a suspension, a password change, a topic or the
/// administrator right changed are refused or narrowed on the very next call. Expiry needs no telling: it is checked
/// against the clock on every call. Another replica's writes are heard by <c>PostgresChangeListener</c> within
/// milliseconds, and on a shared store an entry also lives at most <see cref="StoreLifetime"/>, which bounds what a
/// lost notice can delay. Only live answers are kept; each kind holds at most <see cref="Capacity"/> entries and
/// forgets all of them when full.
/// </summary>
/// <param name="sharedStore">The store is shared with other processes (PostgreSQL): entries live at most <see cref="StoreLifetime"/>.</param>
internal sealed class SessionCache(bool sharedStore) : IStoreChangeListener
{
    /// <summary>How long an entry may live when other processes write to the same store.</summary>
    public static readonly TimeSpan StoreLifetime = TimeSpan.FromSeconds(1);

    public const int Capacity = 50_000;

    /// <summary>Member pages kept, over all organisations; past it they are all forgotten.</summary>
    public const int PageCapacity = 1_000;

    private sealed record Resolved(Session Session, Membership Membership, long ReadAt);

    private sealed record Kept<T>(T Value, long ReadAt);

    private readonly ConcurrentDictionary<string, Resolved> _byTokenHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokenHashBySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _tokenHashesByMembership = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Kept<Person>> _persons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Kept<Organization>> _organizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Kept<Membership>> _memberships = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string OrganizationId, string Query), Kept<KeyPage<string>>> _memberPages = new();
    private readonly Dictionary<string, HashSet<string>> _memberPageQueriesByOrganization = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly long _lifetimeMs = sharedStore ? (long)StoreLifetime.TotalMilliseconds : long.MaxValue;
    private long _generation;

    /// <summary>
    /// The session of <paramref name="tokenHash"/> and its membership, from memory or from <paramref name="read"/>. An
    /// answer read while a write changed anything the cache holds is returned but not kept: it may predate that write.
    /// </summary>
    public (Session? Session, Membership? Membership) Session(string tokenHash, Func<(Session?, Membership?)> read)
    {
        if (_byTokenHash.TryGetValue(tokenHash, out var kept) && Fresh(kept.ReadAt)) return (kept.Session, kept.Membership);
        var generation = Volatile.Read(ref _generation);
        var readAt = Environment.TickCount64;
        var found = read();
        if (found is ({ } session, { } membership))
        {
            lock (_gate)
            {
                if (_generation == generation) Keep(tokenHash, new Resolved(session, membership, readAt));
            }
        }
        return found;
    }

    /// <summary>The person, from memory or from <paramref name="read"/>; never changed by the caller.</summary>
    public Person? Person(string id, Func<Person?> read) => Get(_persons, id, read);

    /// <summary>
    /// The persons of <paramref name="ids"/> that exist, by id: those in memory, and the others in one
    /// <paramref name="read"/> (a member page's persons); never changed by the caller.
    /// </summary>
    public IReadOnlyDictionary<string, Person> Persons(IReadOnlyCollection<string> ids, Func<IReadOnlyCollection<string>, IReadOnlyList<Person>> read) =>
        GetMany(_persons, ids, read);

    /// <summary>The membership, from memory or from <paramref name="read"/>; never changed by the caller.</summary>
    public Membership? Membership(string id, Func<Membership?> read) => Get(_memberships, id, read);

    /// <summary>The memberships of <paramref name="ids"/> that exist, by id, as <see cref="Persons"/>.</summary>
    public IReadOnlyDictionary<string, Membership> Memberships(IReadOnlyCollection<string> ids,
        Func<IReadOnlyCollection<string>, IReadOnlyList<Membership>> read) => GetMany(_memberships, ids, read);

    /// <summary>The organisation, from memory or from <paramref name="read"/>; never changed by the caller.</summary>
    public Organization? Organization(string id, Func<Organization?> read) => Get(_organizations, id, read);

    /// <summary>
    /// A page of the organisation's member list (membership ids and the key after them), from memory or from
    /// <paramref name="read"/>: forgotten when a write inserts, changes or removes one of its memberships.
    /// </summary>
    public KeyPage<string> MemberPage(string organizationId, MemberQuery query, string? after, int limit, Func<KeyPage<string>> read)
    {
        var key = (organizationId, string.Join('\n', string.Join(',', query.States.Order()), string.Join(' ', query.Words), after ?? "", limit));
        if (_memberPages.TryGetValue(key, out var hit) && Fresh(hit.ReadAt)) return hit.Value;
        var generation = Volatile.Read(ref _generation);
        var readAt = Environment.TickCount64;
        var page = read();
        lock (_gate)
        {
            if (_generation != generation) return page;
            if (_memberPages.Count >= PageCapacity)
            {
                _memberPages.Clear();
                _memberPageQueriesByOrganization.Clear();
            }
            _memberPages[key] = new Kept<KeyPage<string>>(page, readAt);
            if (!_memberPageQueriesByOrganization.TryGetValue(organizationId, out var queries))
                _memberPageQueriesByOrganization[organizationId] = queries = new(StringComparer.Ordinal);
            queries.Add(key.Item2);
        }
        return page;
    }

    public void Committed(StoreChanges changes)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var (kind, id) in changes.All)
            {
                switch (kind)
                {
                    case 's':
                        if (_tokenHashBySession.Remove(id, out var tokenHash)) Forget(tokenHash);
                        break;
                    case 'm':
                        _memberships.TryRemove(id, out _);
                        if (_tokenHashesByMembership.Remove(id, out var tokenHashes))
                        {
                            foreach (var hash in tokenHashes) Forget(hash);
                        }
                        break;
                    case 'p':
                        _persons.TryRemove(id, out _);
                        break;
                    case 'o':
                        _organizations.TryRemove(id, out _);
                        break;
                    case StoreChanges.MemberLists:
                        if (_memberPageQueriesByOrganization.Remove(id, out var queries))
                        {
                            foreach (var query in queries) _memberPages.TryRemove((id, query), out _);
                        }
                        break;
                }
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _generation++;
            ClearAll();
        }
    }

    private bool Fresh(long readAt) => Environment.TickCount64 - readAt < _lifetimeMs;

    private T? Get<T>(ConcurrentDictionary<string, Kept<T>> kept, string id, Func<T?> read) where T : Entity
    {
        if (kept.TryGetValue(id, out var hit) && Fresh(hit.ReadAt)) return hit.Value;
        var generation = Volatile.Read(ref _generation);
        var readAt = Environment.TickCount64;
        var found = read();
        if (found is not null) Keep(kept, [found], readAt, generation);
        return found;
    }

    private IReadOnlyDictionary<string, T> GetMany<T>(ConcurrentDictionary<string, Kept<T>> kept, IReadOnlyCollection<string> ids,
        Func<IReadOnlyCollection<string>, IReadOnlyList<T>> read) where T : Entity
    {
        var found = new Dictionary<string, T>(ids.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var id in ids)
        {
            if (kept.TryGetValue(id, out var hit) && Fresh(hit.ReadAt)) found[id] = hit.Value;
            else (missing ??= []).Add(id);
        }
        if (missing is null) return found;
        var generation = Volatile.Read(ref _generation);
        var readAt = Environment.TickCount64;
        var fromStore = read(missing);
        foreach (var entity in fromStore) found[entity.Id] = entity;
        Keep(kept, fromStore, readAt, generation);
        return found;
    }

    /// <summary>Keeps what was read, unless a change came while it was read (it may predate that change).</summary>
    private void Keep<T>(ConcurrentDictionary<string, Kept<T>> kept, IReadOnlyList<T> read, long readAt, long generation) where T : Entity
    {
        lock (_gate)
        {
            if (_generation != generation) return;
            if (kept.Count + read.Count > Capacity) kept.Clear();
            foreach (var entity in read) kept[entity.Id] = new Kept<T>(entity, readAt);
        }
    }

    /// <summary>Keeps a resolved session and its two back references; under the gate.</summary>
    private void Keep(string tokenHash, Resolved entry)
    {
        if (_byTokenHash.Count >= Capacity)
        {
            _byTokenHash.Clear();
            _tokenHashBySession.Clear();
            _tokenHashesByMembership.Clear();
        }
        Forget(tokenHash);
        _byTokenHash[tokenHash] = entry;
        _tokenHashBySession[entry.Session.Id] = tokenHash;
        if (!_tokenHashesByMembership.TryGetValue(entry.Membership.Id, out var tokenHashes))
            _tokenHashesByMembership[entry.Membership.Id] = tokenHashes = [];
        tokenHashes.Add(tokenHash);
    }

    /// <summary>Removes a resolved session and its two back references; under the gate.</summary>
    private void Forget(string tokenHash)
    {
        if (!_byTokenHash.TryRemove(tokenHash, out var entry)) return;
        _tokenHashBySession.Remove(entry.Session.Id);
        if (_tokenHashesByMembership.TryGetValue(entry.Membership.Id, out var tokenHashes))
        {
            tokenHashes.Remove(tokenHash);
            if (tokenHashes.Count == 0) _tokenHashesByMembership.Remove(entry.Membership.Id);
        }
    }

    private void ClearAll()
    {
        _byTokenHash.Clear();
        _tokenHashBySession.Clear();
        _tokenHashesByMembership.Clear();
        _persons.Clear();
        _organizations.Clear();
        _memberships.Clear();
        _memberPages.Clear();
        _memberPageQueriesByOrganization.Clear();
    }
}
