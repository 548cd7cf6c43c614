using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The lists and searches: walks of one index whose keys answer the filter themselves (<see cref="MemberKeys"/>,
/// <see cref="OrganizationKeys"/>, <see cref="PersonKeys"/>), so that a rare word costs an index walk, not a read of
/// every entity; only what is returned is read.
/// </summary>
internal sealed partial class LiteDbTransaction
{
    /// <summary>Keys read at most per index step while filtering a list.</summary>
    private const int MaxBatch = 2048;

    /// <summary>Above every character in LiteDB's collation (Unicode and CLDR give U+FFFF the highest weight): the end of a prefix range.</summary>
    private const string PrefixEnd = "\uffff";

    public KeyPage<Membership> MemberPage(string organizationId, MemberQuery query, string? after, int limit)
    {
        var (first, last) = MemberKeys.Members(organizationId, query.States);
        if (after is not null && !MemberKeys.IsAfter(after, organizationId)) throw StoreCursors.Invalid();
        var (keys, contiguous) = Walk<Membership>(m => m.ListKey, after ?? first, last, limit,
            key => MemberKeys.Matches(key, query.States, query.Words), MemberKeys.After);
        var count = Math.Min(limit, keys.Count);
        var memberships = contiguous
            ? KeyRange<Membership>(m => m.ListKey, after ?? first, last, count, descending: false)
            : keys.Take(count).Select(k => Get<Membership>(MemberKeys.MembershipId(k))).OfType<Membership>().ToList();
        return new KeyPage<Membership>(memberships, keys.Count > limit ? MemberKeys.After(keys[limit - 1]) : null);
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

    /// <summary>
    /// Up to <paramref name="limit"/> + 1 keys after <paramref name="start"/> that <paramref name="matches"/> accepts, read
    /// from the index in growing batches; contiguous while no key before the page's end was left out, so that the page's
    /// entities are one range read instead of a read each.
    /// </summary>
    private (List<string> Keys, bool Contiguous) Walk<T>(System.Linq.Expressions.Expression<Func<T, string?>> key, string start, string last,
        int limit, Func<string, bool> matches, Func<string, string> after) where T : Entity
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

    /// <summary>The range of the e-mail index from the prefix up, checked exactly (the collation may mix in neighbours).</summary>
    public IReadOnlyList<Person> PersonsByEmailPrefix(string prefix, int limit)
    {
        var persons = KeyRange<Person>(p => p.Email, prefix, prefix + PrefixEnd, limit, descending: false);
        var matching = persons.Where(p => p.Email.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        // KeyRange starts strictly after its lower bound: the address typed in full is read on its own.
        if (PersonByEmail(prefix) is { } exact) matching.Insert(0, exact);
        return matching.Take(limit).ToList();
    }

    /// <summary>
    /// The longest word is read as a range of the name-word index (the most selective prefix); the other words are
    /// checked on the persons read.
    /// </summary>
    public (IReadOnlyList<Person> Persons, bool Complete) PersonsByNameWords(IReadOnlyList<string> words, int maxRead)
    {
        if (words.Count == 0) return ([], true);
        var longest = words.MaxBy(w => w.Length)!;
        var candidates = AnyKeyRange<Person>(p => p.NameWords, longest, longest + PrefixEnd, maxRead);
        var matching = candidates
            .Where(p => words.All(word => p.NameWords.Any(name => name.StartsWith(word, StringComparison.Ordinal))))
            .ToList();
        return (matching, candidates.Count < maxRead);
    }
}
