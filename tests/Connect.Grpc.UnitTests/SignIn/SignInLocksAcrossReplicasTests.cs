using System.Security.Cryptography;
using Connect.Grpc.Domain;
using Connect.Grpc.Security;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.UnitTests.SignIn;

/// <summary>
/// Sign-in locks are stored entities written in SERIALIZABLE store transactions: failures recorded at once by two
/// replicas (two stores, each with its own connection pool, over one database) count exactly.
/// </summary>
public sealed class SignInLocksAcrossReplicasTests
{
    [Fact]
    public async Task ConcurrentFailuresOnTwoReplicas_CountExactly_AndLockAtTheTenth()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var locks = new SignInLocks(new Secrets(new HashKey(RandomNumberGenerator.GetBytes(32))), time);
        using var replicaA = new PostgresStore(database);
        using var replicaB = new PostgresStore(database);
        const int Threads = 8, FailuresEach = 3;
        var unlocked = 0;
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(n => new Thread(() =>
        {
            var store = n % 2 == 0 ? replicaA : replicaB;
            start.SignalAndWait();
            for (var i = 0; i < FailuresEach; i++)
            {
                if (store.Write(w => locks.RecordFailure(w, "anna@example.ch")) is null) Interlocked.Increment(ref unlocked);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(SignInLocks.MaxFailures - 1, unlocked);
        var (failures, lockedUntil) = replicaB.Read(r => locks.State(r, "anna@example.ch"));
        Assert.Equal(Threads * FailuresEach, failures);
        Assert.Equal(time.GetUtcNow().UtcDateTime + SignInLocks.Duration, lockedUntil);
        var refused = Assert.Throws<ConnectException>(() => replicaA.Read(r => { locks.ThrowIfLocked(r, "anna@example.ch"); return 0; }));
        Assert.Equal(V1.ErrorReason.SignInLocked, refused.Reason);
    }
}
