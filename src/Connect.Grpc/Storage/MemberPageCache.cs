using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The member pages that LiteDB's list index answered (the ids of a page and the key after it), kept until the next
/// committed write that inserts, changes or deletes a membership: a name change rekeys its person's memberships, so
/// that counts too. The store is one process, so it sees every such write; it forgets before the write is
/// acknowledged. A page's keys are most of what a member page costs (the memberships and persons come from the
/// session cache). Bounded: past <see cref="MaxPages"/> pages it starts again.
/// </summary>
internal sealed class MemberPageCache
{
    private const int MaxPages = 1_000;

    private readonly Lock _gate = new();
    private Dictionary<string, KeyPage<string>> _pages = new(StringComparer.Ordinal);
    private long _generation;

    public KeyPage<string> GetOrRead(string organizationId, MemberQuery query, string? after, int limit, Func<KeyPage<string>> read)
    {
        var key = string.Join('\n', organizationId, string.Join(',', query.States.Order()), string.Join(' ', query.Words), after ?? "", limit);
        long generation;
        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var kept)) return kept;
            generation = _generation;
        }
        var page = read();
        lock (_gate)
        {
            // A membership write committed while the page was read: the page may predate it.
            if (_generation != generation) return page;
            if (_pages.Count >= MaxPages) _pages = new(StringComparer.Ordinal);
            _pages[key] = page;
        }
        return page;
    }

    /// <summary>After a committed write that touched a membership, before it is acknowledged.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _generation++;
            if (_pages.Count > 0) _pages = new(StringComparer.Ordinal);
        }
    }
}
