using System.Linq.Expressions;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The lists every engine answers alike: walks of one index whose keys answer the filter themselves
/// (<see cref="MemberKeys"/>, <see cref="OrganizationKeys"/>, <see cref="AuditKeys"/>), so that a rare word costs an
/// index walk, not a read of every entity; only what is returned is read. Page tokens are positions in those keys, the
/// same on every engine and every replica. Each engine's transaction derives from it and gives the index reads.
/// </summary>
internal abstract class KeyListReader
{
    /// <summary>Keys read at most per index step while filtering a list.</summary>
    private const int MaxBatch = 2048;

    public abstract T? Get<T>(string id) where T : Entity;

    public abstract IReadOnlyList<Membership> MembershipsOfPerson(string personId);

    /// <summary>
    /// Up to <paramref name="limit"/> entities whose <paramref name="key"/> lies strictly after <paramref name="after"/>
    /// and not beyond <paramref name="until"/> (strictly below and not under it when descending), in key order. The read
    /// stops at <paramref name="until"/>, so a range never turns into a scan of the whole collection.
    /// </summary>
    public abstract IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity;

    /// <summary>The same range as <see cref="KeyRange{T}"/>, but only the keys, read from the index without loading an entity.</summary>
    public abstract IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity;

    public virtual KeyPage<string> MemberPage(string organizationId, MemberQuery query, string? after, int limit)
    {
        var (first, last) = MemberKeys.Members(organizationId, query.States);
        if (after is not null && !MemberKeys.IsAfter(after, organizationId)) throw StoreCursors.Invalid();
        var (keys, _) = Walk<Membership>(m => m.ListKey, after ?? first, last, limit,
            key => MemberKeys.Matches(key, query.States, query.Words), MemberKeys.After);
        var ids = keys.Take(limit).Select(MemberKeys.MembershipId).ToList();
        return new KeyPage<string>(ids, keys.Count > limit ? MemberKeys.After(keys[limit - 1]) : null);
    }

    public KeyPage<Organization> OrganizationPage(OrganizationQuery query, bool? suspended, string? after, int limit)
    {
        if (after is not null && !OrganizationKeys.IsAfter(after)) throw StoreCursors.Invalid();
        var start = after ?? OrganizationKeys.First;
        var (keys, contiguous) = Walk<Organization>(o => o.ListKey, start, OrganizationKeys.Last, limit,
            key => OrganizationKeys.Matches(key, suspended, query), OrganizationKeys.After);
        var count = Math.Min(limit, keys.Count);
        var organizations = contiguous
            ? KeyRange<Organization>(o => o.ListKey, start, OrganizationKeys.Last, count, descending: false)
            : keys.Take(count).Select(k => Get<Organization>(OrganizationKeys.OrganizationId(k))).OfType<Organization>().ToList();
        return new KeyPage<Organization>(organizations, keys.Count > limit ? OrganizationKeys.After(keys[limit - 1]) : null);
    }

    /// <summary>Cursors are positions (time and id): the next stretch starts below one, whatever index it then walks.</summary>
    public AuditStretch AuditEvents(AuditFilter filter, string? after, int maxMatches, int maxRead, bool load = true)
    {
        if (after is not null && !AuditKeys.IsPosition(after)) throw StoreCursors.Invalid("search");
        var scan = new AuditScan(this, filter);
        var stretch = scan.Read(after ?? scan.Top, maxMatches, maxRead, load);
        // A read from just above the first match starts with it.
        return stretch with { FirstMatch = stretch.FirstMatch is { } first ? AuditKeys.Above(first) : null };
    }

    public KeyPage<AuditEvent> AuditPage(string organizationId, string? targetId, string? after, int limit)
    {
        // A target's events are its organisation's: a membership belongs to one organisation.
        var prefix = targetId ?? organizationId;
        if (after is not null && (!after.StartsWith(prefix, StringComparison.Ordinal) || after.Length <= prefix.Length)) throw StoreCursors.Invalid();
        var (newest, oldest) = MemberKeys.Events(prefix);
        var events = targetId is null
            ? KeyRange<AuditEvent>(e => e.OrganizationKey, after ?? newest, oldest, limit + 1, descending: true)
            : KeyRange<AuditEvent>(e => e.TargetKey, after ?? newest, oldest, limit + 1, descending: true);
        var page = events.Take(limit).ToList();
        var next = events.Count > limit ? (targetId is null ? page[^1].OrganizationKey : page[^1].TargetKey) : null;
        return new KeyPage<AuditEvent>(page, next);
    }

    public IReadOnlyList<AuditEvent> RecentSignIns(string personId, int limit)
    {
        var (newest, oldest) = MemberKeys.Events(personId);
        return KeyRange<AuditEvent>(e => e.SignInKey, newest, oldest, limit, descending: true);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> + 1 keys after <paramref name="start"/> that <paramref name="matches"/> accepts, read
    /// from the index in growing batches; contiguous while no key before the page's end was left out, so that the page's
    /// entities are one range read instead of a read each.
    /// </summary>
    private (List<string> Keys, bool Contiguous) Walk<T>(Expression<Func<T, string?>> key,
        string start, string last, int limit, Func<string, bool> matches, Func<string, string> after) where T : Entity
    {
        var found = new List<string>(limit + 1);
        var contiguous = true;
        var from = start;
        for (var batchSize = limit + 1; found.Count <= limit; batchSize = Math.Min(batchSize * 4, MaxBatch))
        {
            var keys = Keys(key, from, last, batchSize, descending: false);
            foreach (var k in keys)
            {
                if (matches(k)) found.Add(k);
                else if (found.Count < limit) contiguous = false;
            }
            if (keys.Count < batchSize) break;
            from = after(keys[^1]);
        }
        return (found, contiguous);
    }
}
