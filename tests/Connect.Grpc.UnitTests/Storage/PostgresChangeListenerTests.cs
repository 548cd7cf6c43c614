using System.Collections.Concurrent;
using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// Two stores over one database, as two replicas: what one store's write changes reaches the other's listener through
/// PostgreSQL's notifications, and a store's own writes reach its listener once, directly, not a second time as a notice.
/// </summary>
public sealed class PostgresChangeListenerTests
{
    [Fact]
    public async Task AChangeOnOneReplica_IsHeardByTheOther_AndNotTwiceByItself()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync();
        var heardByA = new Recorder();
        var heardByB = new Recorder();
        using var replicaA = new PostgresStore(database, heardByA);
        using var replicaB = new PostgresStore(database, heardByB);
        using var listenerA = Listener(replicaA, heardByA);
        using var listenerB = Listener(replicaB, heardByB);
        await listenerA.StartAsync(CancellationToken.None);
        await listenerB.StartAsync(CancellationToken.None);
        await Eventually(() => heardByA.Resets > 0 && heardByB.Resets > 0);

        var session = new Session { TokenHash = "hash-" + Guid.NewGuid().ToString("N"), PersonId = "p", OrganizationId = "o" };
        replicaA.Write(w => { w.Insert(session); return 0; });
        replicaA.Write(w => { session.RevokedAt = DateTime.UtcNow; w.Update(session); return 0; });

        await Eventually(() => heardByB.Sessions.Contains(session.Id));
        Assert.Equal([session.Id], heardByA.Sessions);
        await listenerA.StopAsync(CancellationToken.None);
        await listenerB.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void ANotice_ListsEachChangeByKind_OrSaysEverything()
    {
        var (origin, changes) = PostgresChangeNotice.Read("replica-a s:1 m:2 s:3 p:4 o:5 l:5");
        Assert.Equal("replica-a", origin);
        Assert.Equal(["1", "3"], Of<Session>(changes!));
        Assert.Equal(["2"], Of<Membership>(changes!));
        Assert.Equal(["4"], Of<Person>(changes!));
        Assert.Equal(["5"], Of<Organization>(changes!));
        Assert.Equal(["5"], changes!.All.Where(change => change.Kind == StoreChanges.MemberLists).Select(change => change.Id));
        Assert.Null(PostgresChangeNotice.Read("replica-a *").Changes);
        Assert.Null(PostgresChangeNotice.Read("replica-a x:1").Changes);
    }

    /// <summary>The ids of the changed entities of one kind.</summary>
    private static IEnumerable<string> Of<T>(StoreChanges changes) where T : Entity =>
        changes.All.Where(change => change.Kind == StoreChanges.Kinds[typeof(T)]).Select(change => change.Id);

    private static PostgresChangeListener Listener(PostgresStore store, IStoreChangeListener listener) => new(
        new ServiceCollection().AddSingleton(store).BuildServiceProvider(),
        Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSql }), listener, NullLogger<PostgresChangeListener>.Instance);

    private static async Task Eventually(Func<bool> holds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!holds())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not within 10 seconds.");
            await Task.Delay(20);
        }
    }

    private sealed class Recorder : IStoreChangeListener
    {
        private readonly ConcurrentQueue<string> _sessions = new();
        private int _resets;

        public IReadOnlyList<string> Sessions => [.. _sessions];
        public int Resets => Volatile.Read(ref _resets);

        public void Committed(StoreChanges changes)
        {
            foreach (var id in Of<Session>(changes)) _sessions.Enqueue(id);
        }

        public void Reset() => Interlocked.Increment(ref _resets);
    }
}
