using Connect.Grpc.Domain;
using Connect.Grpc.Security;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// The throttle's budget on PostgreSQL, shared by two "replicas": two stores, each with its own connection pool, over
/// one database of the private cluster (one for the class; each test counts at its own door).
/// </summary>
public sealed class PostgresAttemptCounterTests : IDisposable
{
    private const int Limit = 20;

    private static readonly Lazy<string> Database = new(() =>
    {
        var connectionString = PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult();
        PostgresStore.Migrate(connectionString);
        return connectionString;
    });

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly string _door = "door-" + Guid.NewGuid().ToString("N");
    private readonly PostgresStore _storeA = new(Database.Value);
    private readonly PostgresStore _storeB = new(Database.Value);
    private readonly PostgresAttemptCounter _counterA;
    private readonly AddressThrottle _replicaA;
    private readonly AddressThrottle _replicaB;

    public PostgresAttemptCounterTests()
    {
        var options = Options.Create(new SecurityOptions { AttemptsPerAddressPerMinute = Limit });
        _counterA = new PostgresAttemptCounter(_storeA);
        _replicaA = new AddressThrottle(_counterA, _time, options);
        _replicaB = new AddressThrottle(new PostgresAttemptCounter(_storeB), _time, options);
    }

    public void Dispose()
    {
        _storeA.Dispose();
        _storeB.Dispose();
    }

    [Fact]
    public void ConcurrentAttemptsOnTwoReplicas_AcceptExactlyTheLimit_InEachWindow()
    {
        Assert.Equal(Limit, Hammer(threads: 8, attemptsEach: 15));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, Hammer(threads: 4, attemptsEach: 5));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Limit, Hammer(threads: 8, attemptsEach: 15));
    }

    [Fact]
    public void AWindowStartedOnOneReplica_EndsAtTheSameTimeOnTheOther()
    {
        for (var i = 0; i < Limit; i++) _replicaA.Take(_door, From("192.0.2.1"));
        _time.Advance(TimeSpan.FromSeconds(10));

        var refused = Assert.Throws<ConnectException>(() => _replicaB.Take(_door, From("192.0.2.1")));

        Assert.Equal(V1.ErrorReason.RateLimited, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(50), refused.RetryAfter);
        _replicaB.Take(_door, From("192.0.2.2"));
        _replicaB.Take("other-" + _door, From("192.0.2.1"));
    }

    [Fact]
    public void EndedWindows_AreSweptAtMostOnceAWindow()
    {
        var start = _time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 30; i++) _counterA.Count(_door, "192.0.2." + i, start, AddressThrottle.Window);
        _counterA.Count(_door, "late", start.AddSeconds(30), AddressThrottle.Window);
        Assert.Equal(31, Rows());

        // The first 30 ended a moment ago, but this process swept at the start of the minute.
        _counterA.Count(_door, "late", start.AddSeconds(59), AddressThrottle.Window);
        Assert.Equal(31, Rows());

        var counted = _counterA.Count(_door, "late", start.AddSeconds(60), AddressThrottle.Window);
        Assert.Equal(new AttemptCount(3, start.AddSeconds(30)), counted);
        Assert.Equal(1, Rows());
    }

    /// <summary>Attempts from one address at once, half the threads on each replica; answers how many were taken.</summary>
    private int Hammer(int threads, int attemptsEach)
    {
        var taken = 0;
        var refused = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(n => new Thread(() =>
        {
            var replica = n % 2 == 0 ? _replicaA : _replicaB;
            start.SignalAndWait();
            for (var i = 0; i < attemptsEach; i++)
            {
                try
                {
                    replica.Take(_door, From("198.51.100.7"));
                    Interlocked.Increment(ref taken);
                }
                catch (ConnectException e) when (e.Reason == V1.ErrorReason.RateLimited)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Equal(threads * attemptsEach, taken + refused);
        return taken;
    }

    private long Rows()
    {
        using var connection = new NpgsqlConnection(Database.Value);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {PostgresTables.AttemptCounters} WHERE door = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _door });
        return (long)command.ExecuteScalar()!;
    }

    private static Caller From(string address) => new(null, null, address, null);
}
