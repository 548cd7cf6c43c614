using System.Linq.Expressions;

namespace Connect.Grpc.Domain;

/// <summary>
/// Connect's storage, kept behind this interface so that a server database for several replicas can
/// replace LiteDB without touching the flows. Filters must touch indexed fields only.
/// </summary>
public interface IStore
{
    /// <summary>Reads without a transaction.</summary>
    T Read<T>(Func<IStoreReader, T> read);

    /// <summary>
    /// Runs <paramref name="write"/> as one atomic transaction; when it returns, the change is on disk.
    /// An exception rolls everything back. Never await inside.
    /// </summary>
    T Write<T>(Func<IStoreWriter, T> write);
}

public interface IStoreReader
{
    T? Get<T>(string id) where T : Entity;
    T? FindOne<T>(Expression<Func<T, bool>> where) where T : Entity;
    IReadOnlyList<T> Find<T>(Expression<Func<T, bool>> where, int limit = 1000) where T : Entity;
    int Count<T>(Expression<Func<T, bool>> where) where T : Entity;

    /// <summary>Keyset paging on the id: the entities after <paramref name="afterId"/> (before it when descending).</summary>
    IReadOnlyList<T> Page<T>(Expression<Func<T, bool>>? where, string? afterId, int limit, bool descending) where T : Entity;

    /// <summary>
    /// An indexed range read in key order: up to <paramref name="limit"/> entities whose <paramref name="key"/> lies
    /// strictly after <paramref name="after"/> and not beyond <paramref name="until"/> (below it when descending).
    /// The read stops at <paramref name="until"/>, so a range never turns into a scan of the whole collection.
    /// </summary>
    IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity;

    /// <summary>
    /// The same range as <see cref="KeyRange{T}"/>, but only the keys, read from the index without loading an entity:
    /// for filters that the key itself can answer.
    /// </summary>
    IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity;

    /// <summary>
    /// An indexed range read over a list field (a multikey index): up to <paramref name="limit"/> entities of which at
    /// least one element lies between <paramref name="from"/> and <paramref name="until"/> (both included), each once,
    /// in the order of their elements in the index.
    /// </summary>
    IReadOnlyList<T> AnyKeyRange<T>(Expression<Func<T, IEnumerable<string>>> keys, string from, string until, int limit) where T : Entity;
}

public interface IStoreWriter : IStoreReader
{
    void Insert<T>(T entity) where T : Entity;
    void Update<T>(T entity) where T : Entity;
    void Delete<T>(string id) where T : Entity;
}
