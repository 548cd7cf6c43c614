using System.Collections.Concurrent;
using System.Linq.Expressions;
using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Testing;

/// <summary>
/// The server's store, noting every read and write of the flows ("Insert SignIn", "FindOne Person") while
/// <see cref="Recording"/> is on, so that a test can tell whether two calls did the same work. The outbox
/// dispatcher's own reads and writes (everything on an outbox message but its insert) run in the background and are
/// left out.
/// </summary>
public sealed class CountingStore(IStore inner) : IStore
{
    private readonly ConcurrentQueue<string> _operations = new();

    public bool Recording { get; set; }

    /// <summary>Registers the counting store in place of the server's own.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IStore>(provider => new CountingStore(provider.GetRequiredService<LiteDbStore>()));

    /// <summary>What was noted since the last call, sorted, and forgets it.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<string>();
        while (_operations.TryDequeue(out var operation)) taken.Add(operation);
        return [.. taken.Order(StringComparer.Ordinal)];
    }

    public T Read<T>(Func<IStoreReader, T> read) => inner.Read(r => read(new Reader(r, this)));

    public T Write<T>(Func<IStoreWriter, T> write) => inner.Write(w => write(new Writer(w, this)));

    private void Note(string operation, Type type)
    {
        if (Recording && (type != typeof(OutboxMessage) || operation == "Insert")) _operations.Enqueue($"{operation} {type.Name}");
    }

    private class Reader(IStoreReader inner, CountingStore counter) : IStoreReader
    {
        protected CountingStore Counter => counter;

        public T? Get<T>(string id) where T : Entity { counter.Note("Get", typeof(T)); return inner.Get<T>(id); }

        public T? FindOne<T>(Expression<Func<T, bool>> where) where T : Entity { counter.Note("FindOne", typeof(T)); return inner.FindOne(where); }

        public IReadOnlyList<T> Find<T>(Expression<Func<T, bool>> where, int limit = 1000) where T : Entity
        { counter.Note("Find", typeof(T)); return inner.Find(where, limit); }

        public int Count<T>(Expression<Func<T, bool>> where) where T : Entity { counter.Note("Count", typeof(T)); return inner.Count(where); }

        public IReadOnlyList<T> Page<T>(Expression<Func<T, bool>>? where, string? afterId, int limit, bool descending) where T : Entity
        { counter.Note("Page", typeof(T)); return inner.Page(where, afterId, limit, descending); }

        public IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity
        { counter.Note("KeyRange", typeof(T)); return inner.KeyRange(key, after, until, limit, descending); }

        public IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity
        { counter.Note("Keys", typeof(T)); return inner.Keys(key, after, until, limit, descending); }

        public IReadOnlyList<T> AnyKeyRange<T>(Expression<Func<T, IEnumerable<string>>> keys, string from, string until, int limit) where T : Entity
        { counter.Note("AnyKeyRange", typeof(T)); return inner.AnyKeyRange(keys, from, until, limit); }
    }

    private sealed class Writer(IStoreWriter inner, CountingStore counter) : Reader(inner, counter), IStoreWriter
    {
        public void Insert<T>(T entity) where T : Entity { Counter.Note("Insert", typeof(T)); inner.Insert(entity); }

        public void Update<T>(T entity) where T : Entity { Counter.Note("Update", typeof(T)); inner.Update(entity); }

        public void Delete<T>(string id) where T : Entity { Counter.Note("Delete", typeof(T)); inner.Delete<T>(id); }
    }
}
