using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>The audit log's reads: each an index where a time range is a key range (<see cref="AuditKeys"/>), newest first.</summary>
internal sealed partial class LiteDbTransaction
{
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
}
