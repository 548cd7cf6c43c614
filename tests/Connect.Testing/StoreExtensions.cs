using Connect.Grpc.Domain;

namespace Connect.Testing;

public static class StoreExtensions
{
    /// <summary>Every stored entity of a type in id (creation) order, to look at what was written without the indexes under test.</summary>
    public static IReadOnlyList<T> Stored<T>(this IConnectUnderTest server) where T : Entity => server.Store().All<T>();

    /// <summary>Every stored entity of a type in id (creation) order.</summary>
    public static IReadOnlyList<T> All<T>(this IStore store) where T : Entity => store.Read(r => r.All<T>());

    /// <summary>Every stored entity of a type in id (creation) order, inside a read or a write.</summary>
    public static IReadOnlyList<T> All<T>(this IStoreReader reader) where T : Entity
    {
        var all = new List<T>();
        for (var batch = reader.Scan<T>(null, 1000); batch.Count > 0; batch = reader.Scan<T>(batch[^1].Id, 1000)) all.AddRange(batch);
        return all;
    }
}
