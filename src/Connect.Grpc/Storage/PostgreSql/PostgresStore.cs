using System.Data;
using System.Diagnostics;
using Connect.Grpc.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// <see cref="IStore"/> over one PostgreSQL database that several replicas share (docs/decisions/0033-postgresql-store.md).
/// Every write is one SERIALIZABLE transaction: whatever two replicas do at once, the outcome is one the flows could have
/// reached one after the other, so the rules they check inside a write (one winner for an access code, the last
/// administrator kept, exact attempt counters) hold across replicas as they do in one process. A write the database
/// refuses for a conflict (serialization failure, deadlock, or a unique key another replica took in the meantime) is run
/// again from the start, on fresh reads; the flows read what they change inside their write for that reason. A
/// replica runs one write transaction at a time, and the writes that queue meanwhile commit together in the next one
/// (<see cref="WriteQueue"/>, decision 0042). A write is acknowledged when PostgreSQL has committed it (durable under
/// its <c>synchronous_commit</c>).
/// </summary>
public sealed class PostgresStore : IQueuedWrites
{
    /// <summary>
    /// How long a write keeps being run again on conflicts before it is given up (and surfaces as an error). A time, not
    /// a count: n writers on one row (n wrong passwords for one address at once) need up to n runs for the last of them,
    /// and each run lets at least one of them commit, so the budget bounds the wait, not the number of writers.
    /// </summary>
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _source;
    private readonly IStoreChangeListener? _listener;
    private readonly WriteQueue _writes;
    private long _transactions;
    private readonly string _unpooled;

    /// <param name="connectionString">Npgsql's connection string of the shared database.</param>
    /// <param name="listener">
    /// Told what each write changed, right after its commit (the session cache); the other replicas hear it through
    /// <see cref="PostgresChangeListener"/>.
    /// </param>
    public PostgresStore(string connectionString, IStoreChangeListener? listener = null)
    {
        _listener = listener;
        _writes = new WriteQueue(CommitTogether, CommitAlone);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The store's statements are a fixed set: each is prepared on a connection once it is used twice.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 128;
        // The store changes no session state (its transactions' settings are local to them), so a connection back from
        // the pool needs no reset, which would otherwise travel with the first statement of every read.
        builder.NoResetOnClose = true;
        _source = NpgsqlDataSource.Create(builder);
        _unpooled = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, KeepAlive = 10 }.ConnectionString;
        Migrate(builder.ConnectionString);
        Write(KeyBackfill.RewriteOnNewLayout);
    }

    /// <summary>Any number: one advisory lock for the schema, taken by whoever migrates it.</summary>
    private const long SchemaLock = 0x636f6e6e656374; // "connect"

    /// <summary>
    /// Brings the schema up to date with EF Core's migrations, holding a session-level advisory lock meanwhile, so that
    /// replicas that start together apply each migration once: EF Core's own lock on PostgreSQL lasts one migration's
    /// transaction, and two replicas starting together on an empty database both applied the second migration.
    /// </summary>
    public static void Migrate(string connectionString)
    {
        // Once per start: pooled, these connections would stay open and idle beside the store's own pool.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLock})", connection)) take.ExecuteNonQuery();
        try
        {
            using var schema = new PostgresSchemaContext(PostgresSchemaContext.Options(connectionString));
            schema.Database.Migrate();
        }
        finally
        {
            // Explicitly: a pooled connection keeps its session's locks until it is next used.
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLock})", connection);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>This store's name in its change notices, so that its own listener skips what it already knows.</summary>
    internal string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Opens a connection outside the store's pool, for the change listener, which holds it for as long as it listens:
    /// back in the pool, its LISTEN would outlive it (the pool does not reset connections).
    /// </summary>
    internal async Task<NpgsqlConnection> OpenListeningConnectionAsync(CancellationToken cancel)
    {
        var connection = new NpgsqlConnection(_unpooled);
        try
        {
            await connection.OpenAsync(cancel);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public T Read<T>(Func<IStoreReader, T> read)
    {
        using var connection = _source.OpenConnection();
        return read(new PostgresTransaction(connection));
    }

    public T Write<T>(Func<IStoreWriter, T> write) => (T)_writes.Write(write).Result!;

    /// <summary>
    /// The queued writes in one transaction, one commit: writers of this replica never conflict with each other (a
    /// SERIALIZABLE transaction per write made concurrent checks of one index, such as new organisations' affiliate
    /// numbers, fail and run again about one time in three under load). Any error, a conflict with another replica
    /// included, rolls it back, and each write then runs alone with the conflict retries of <see cref="CommitAlone"/>.
    /// </summary>
    private bool CommitTogether(IReadOnlyList<PendingWrite> batch)
    {
        var writers = new PostgresTransaction[batch.Count];
        try
        {
            using var connection = _source.OpenConnection();
            using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            var deferred = new List<NpgsqlBatchCommand>();
            for (var i = 0; i < batch.Count; i++)
            {
                writers[i] = new PostgresTransaction(connection, deferred);
                batch[i].Run(writers[i]);
            }
            Commit(transaction, writers);
        }
        catch
        {
            return false;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Committed();
        return true;
    }

    /// <summary>One write in a transaction of its own, run again on conflicts (<see cref="IsConflict"/>) within <see cref="RetryBudget"/>.</summary>
    private void CommitAlone(PendingWrite write)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _source.OpenConnection();
                using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
                var writer = new PostgresTransaction(connection, []);
                write.Run(writer);
                Commit(transaction, [writer]);
                write.Committed();
                return;
            }
            catch (PostgresException conflict) when (IsConflict(conflict, attempt, Stopwatch.GetElapsedTime(started)))
            {
                // Backs off a little, more each time up to 64 ms, with jitter, so writers do not collide again in step.
                Thread.Sleep(Random.Shared.Next(1, 2 << Math.Min(attempt, 5)));
            }
            catch (Exception e)
            {
                write.Fail(e);
                return;
            }
        }
    }

    /// <summary>Commits the writers' transaction and tells this process's listener what they changed.</summary>
    private void Commit(NpgsqlTransaction transaction, IReadOnlyList<PostgresTransaction> writers)
    {
        var changes = writers.Select(writer => writer.Changes).Where(c => !c.IsEmpty).ToList();
        // The inserts still waiting and the notice in one round trip; PostgreSQL delivers the notice if and when it commits.
        writers[^1].Flush(changes.Count > 0 ? PostgresChangeNotice.Statement(Origin, changes) : null);
        transaction.Commit();
        Interlocked.Increment(ref _transactions);
        foreach (var change in changes) _listener?.Committed(change);
    }

    /// <summary>
    /// Conflicts with another transaction, which a new run on fresh reads resolves: serialization failures and
    /// deadlocks, and a unique key that another transaction took after this one read that it was free (the new run sees
    /// the key taken and answers as the flow does, e.g. "already registered"; a second violation is a real duplicate).
    /// </summary>
    private static bool IsConflict(PostgresException e, int attempt, TimeSpan elapsed) => e.SqlState switch
    {
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => elapsed < RetryBudget,
        PostgresErrorCodes.UniqueViolation => attempt < 2,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="run"/> on a connection of the store's pool outside any transaction: for a statement that is
    /// atomic on its own and needs no SERIALIZABLE run again (<see cref="PostgresAttemptCounter"/>).
    /// </summary>
    internal T OnConnection<T>(Func<NpgsqlConnection, T> run)
    {
        using var connection = _source.OpenConnection();
        return run(connection);
    }

    long IQueuedWrites.Transactions => Interlocked.Read(ref _transactions);

    int IQueuedWrites.Pending => _writes.Pending;

    IDisposable IQueuedWrites.HoldCommits() => _writes.Hold();

    public void Dispose() => _source.Dispose();
}
