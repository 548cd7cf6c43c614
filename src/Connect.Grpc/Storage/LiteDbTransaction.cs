using System.Linq.Expressions;
using Connect.Grpc.Domain;
using LiteDB;

namespace Connect.Grpc.Storage;

/// <summary>
/// One read or write of <see cref="LiteDbStore"/>: the port's questions answered from LiteDB's indexes (the other parts
/// of this class, by feature), and the derived keys those indexes hold kept up to date on every insert and update.
/// </summary>
/// <param name="db">The store's database; a write's transaction is open on this thread.</param>
internal sealed partial class LiteDbTransaction(LiteDatabase db) : KeyListReader, IStoreWriter
{
    /// <summary>What this write changed, for the store to tell its listener once the write has committed.</summary>
    internal StoreChanges Changes { get; } = new();

    /// <summary>The range filters' texts by field, built once (a text is the key of its parsed expression).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RangeFilters = new(), AnyRangeFilters = new();

    private ILiteCollection<T> Collection<T>() where T : Entity => db.GetCollection<T>(StoreMapping.CollectionName<T>());

    // FindById would parse "_id = @0" on every call.
    public override T? Get<T>(string id) where T : class => Collection<T>().FindOne(ParsedExpressions.Of("_id = @0", id));

    // LiteDB reads in memory: a lookup per id costs what one query for all of them would.
    public IReadOnlyList<T> GetMany<T>(IReadOnlyCollection<string> ids) where T : Entity
    {
        var collection = Collection<T>();
        return ids.Distinct(StringComparer.Ordinal).Select(id => collection.FindOne(ParsedExpressions.Of("_id = @0", id))).OfType<T>().ToList();
    }

    public IReadOnlyList<T> Scan<T>(string? afterId, int limit) where T : Entity => Page<T>(null, afterId, limit, descending: false);

    public void Insert<T>(T entity) where T : Entity
    {
        // One membership per person and organisation (a unique index in PostgreSQL): writes here are serialised, so a check is enough.
        if (entity is Membership membership && MembershipOf(membership.PersonId, membership.OrganizationId) is not null)
            throw new InvalidOperationException($"{membership.PersonId} is already a member of {membership.OrganizationId}.");
        DerivedKeys.Refresh(this, entity);
        Collection<T>().Insert(entity);
        Changes.Inserted(entity);
    }

    public void Update<T>(T entity) where T : Entity
    {
        Changes.Updated(entity);
        var rekeyMemberships = DerivedKeys.RekeysMemberships(this, entity);
        DerivedKeys.Refresh(this, entity);
        if (!Collection<T>().Update(entity)) throw DerivedKeys.Missing<T>(entity.Id);
        if (rekeyMemberships)
        {
            foreach (var membership in MembershipsOfPerson(entity.Id)) Update(membership);
        }
    }

    public void Delete<T>(string id) where T : Entity
    {
        Changes.Deleting<T>(id, this);
        if (!Collection<T>().Delete(id)) throw DerivedKeys.Missing<T>(id);
    }

    /// <summary>Up to <paramref name="limit"/> entities matching a filter on indexed fields (a fixed text with @0, @1… for the values).</summary>
    internal IReadOnlyList<T> Find<T>(int limit, string where, params ReadOnlySpan<BsonValue> values) where T : Entity =>
        Collection<T>().Find(ParsedExpressions.Of(where, values), 0, limit).ToList();

    internal T? FindOne<T>(string where, params ReadOnlySpan<BsonValue> values) where T : Entity =>
        Collection<T>().FindOne(ParsedExpressions.Of(where, values));

    internal int Count<T>(string where, params ReadOnlySpan<BsonValue> values) where T : Entity =>
        Collection<T>().Count(ParsedExpressions.Of(where, values));

    /// <summary>Keyset paging on the id: the entities after <paramref name="afterId"/> (before it when descending).</summary>
    internal IReadOnlyList<T> Page<T>(BsonExpression? where, string? afterId, int limit, bool descending) where T : Entity
    {
        var query = Collection<T>().Query();
        if (where is not null) query = query.Where(where);
        if (afterId is not null) query = query.Where(ParsedExpressions.Of(descending ? "_id < @0" : "_id > @0", afterId));
        var id = ParsedExpressions.Of("_id");
        return (descending ? query.OrderByDescending(id) : query.OrderBy(id)).Limit(limit).ToList();
    }

    public override IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending)
    {
        var field = ParsedExpressions.Field(db.Mapper, key);
        var keyName = field[2..];
        return Range<T>(field, after, until, descending).Limit(limit + 1).ToEnumerable()
            .Where(d => d[keyName].AsString != after).Take(limit)
            .Select(d => db.Mapper.ToObject<T>(d)).ToList();
    }

    public override IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending)
    {
        var field = ParsedExpressions.Field(db.Mapper, key);
        var keyName = field[2..];
        // Selecting only the indexed field lets LiteDB answer from the index without reading documents.
        return Range<T>(field, after, until, descending).Select(ParsedExpressions.Of(field)).Limit(limit + 1).ToEnumerable()
            .Select(d => d[keyName].AsString).Where(k => k != after).Take(limit).ToList();
    }

    /// <summary>
    /// BETWEEN is the one form LiteDB reads as a bounded index range, in index order, stopping at the limit. The
    /// bounds are inclusive, so callers read one more than asked and the entry at <paramref name="after"/> (the previous page's last) is skipped.
    /// </summary>
    private ILiteQueryable<BsonDocument> Range<T>(string field, string after, string until, bool descending) where T : Entity
    {
        var (low, high) = descending ? (until, after) : (after, until);
        var query = db.GetCollection(StoreMapping.CollectionName<T>()).Query()
            .Where(ParsedExpressions.Of(RangeFilters.GetOrAdd(field, f => $"{f} BETWEEN @0 AND @1"), low, high));
        var order = ParsedExpressions.Of(field);
        return descending ? query.OrderByDescending(order) : query.OrderBy(order);
    }

    /// <summary>
    /// An indexed range read over a list field (a multikey index): up to <paramref name="limit"/> entities of which at
    /// least one element lies between <paramref name="from"/> and <paramref name="until"/> (both included), each once,
    /// in the order of their elements in the index.
    /// </summary>
    internal IReadOnlyList<T> AnyKeyRange<T>(Expression<Func<T, IEnumerable<string>>> keys, string from, string until, int limit) where T : Entity
    {
        var field = ParsedExpressions.Field(db.Mapper, keys);
        // "ANY BETWEEN" on the elements is what LiteDB reads as a range of the multikey index (StoreMapping.EnsureMultikey).
        return db.GetCollection(StoreMapping.CollectionName<T>()).Query()
            .Where(ParsedExpressions.Of(AnyRangeFilters.GetOrAdd(field, f => $"{f}[*] ANY BETWEEN @0 AND @1"), from, until))
            .Limit(limit).ToEnumerable()
            .Select(d => db.Mapper.ToObject<T>(d)).DistinctBy(e => e.Id).ToList();
    }
}
