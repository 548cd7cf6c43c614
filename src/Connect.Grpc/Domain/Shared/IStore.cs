namespace Connect.Grpc.Domain;

/// <summary>
/// Connect's storage, kept behind this port so that another engine (a server database for several replicas) can replace
/// LiteDB without touching the flows. The port speaks of what the flows ask, never of keys or indexes: how each question
/// is answered from an index, and which derived keys that needs, is the store's (see <c>Storage/</c>). Every behaviour
/// here is pinned by the store contract tests that each implementation runs.
/// </summary>
public interface IStore
{
    /// <summary>Reads without a transaction.</summary>
    T Read<T>(Func<IStoreReader, T> read);

    /// <summary>
    /// Runs <paramref name="write"/> as one atomic transaction; when it returns, the change is on disk.
    /// An exception rolls everything back. Never await inside. A store shared by replicas may run
    /// <paramref name="write"/> again from the start when another replica's write conflicted with it, so it reads what it
    /// changes inside, and changes nothing outside but what it returns.
    /// </summary>
    T Write<T>(Func<IStoreWriter, T> write);
}

/// <summary>
/// Changes inside a transaction. The store keeps its own lookup keys up to date on every insert and update, including
/// those of other entities that show what changed (a person's new name re-sorts their memberships).
/// </summary>
public interface IStoreWriter : IStoreReader
{
    /// <summary>Adds an entity; a second person with one address, or a second value of another unique lookup (token hashes, client ids, affiliate numbers), throws.</summary>
    void Insert<T>(T entity) where T : Entity;

    /// <summary>Replaces a stored entity; throws when it does not exist.</summary>
    void Update<T>(T entity) where T : Entity;

    /// <summary>Removes a stored entity; throws when it does not exist.</summary>
    void Delete<T>(string id) where T : Entity;
}

/// <summary>One page of a list read, and the cursor after which the next page starts (null on the last page).</summary>
/// <remarks>A store's cursors are opaque, made from what the page held, so that any replica reads on from them.</remarks>
public sealed record KeyPage<T>(IReadOnlyList<T> Items, string? NextAfterKey);
