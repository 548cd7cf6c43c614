using Connect.Grpc.Domain;
using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// The address throttle's counters in the database that all replicas share (decision 0035): one upsert per attempt,
/// atomic on its own under READ COMMITTED (PostgreSQL locks the row it updates and works on its latest version), so
/// concurrent attempts on any replica count exactly without a SERIALIZABLE transaction or a run again. Times are the
/// server's, passed in, never the database's clock. Rows of ended windows mean the same as no row, so a sweep removes
/// them now and then.
/// </summary>
internal sealed class PostgresAttemptCounter(PostgresStore store) : IAttemptCounter
{
    /// <summary>Rows removed by one sweep at most; a full batch makes the next attempt sweep again.</summary>
    public const int SweepBatch = 10_000;

    private const string Upsert =
        $"INSERT INTO {PostgresTables.AttemptCounters} AS c (door, address, window_start, count) VALUES ($1, $2, $3, 1) "
        + "ON CONFLICT (door, address) DO UPDATE SET "
        + "window_start = CASE WHEN c.window_start <= $4 THEN $3 ELSE c.window_start END, "
        + "count = CASE WHEN c.window_start <= $4 THEN 1 ELSE c.count + 1 END "
        + "RETURNING count, window_start";

    // The outer condition is checked again on a row that an attempt renewed while the sweep waited for it: it stays.
    private const string Sweep =
        $"DELETE FROM {PostgresTables.AttemptCounters} WHERE ctid IN "
        + $"(SELECT ctid FROM {PostgresTables.AttemptCounters} WHERE window_start <= $1 LIMIT $2) AND window_start <= $1";

    /// <summary>When this process sweeps next, in ticks of the server's clock: at most once a window.</summary>
    private long _nextSweep;

    public AttemptCount Count(string door, string address, DateTime now, TimeSpan window) => store.OnConnection(connection =>
    {
        var counted = CountOne(connection, door, address, now, now - window);
        var due = Interlocked.Read(ref _nextSweep);
        if (now.Ticks >= due && Interlocked.CompareExchange(ref _nextSweep, (now + window).Ticks, due) == due)
        {
            // After the commit, so that the attempt's row is not held locked while the sweep runs.
            if (SweepEnded(connection, now - window) == SweepBatch) Interlocked.Exchange(ref _nextSweep, now.Ticks);
        }
        return counted;
    });

    /// <summary>
    /// The upsert, committed without waiting for the disk (<c>synchronous_commit = off</c> for this transaction only):
    /// a database crash may forget the last fraction of a second's counts, as a restart forgets the in-memory counters,
    /// and an attempt does not wait for a WAL flush. One round trip for the statement, one for the commit.
    /// </summary>
    private static AttemptCount CountOne(NpgsqlConnection connection, string door, string address, DateTime now, DateTime ended)
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        var upsert = new NpgsqlBatchCommand(Upsert);
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = door });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address });
        upsert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
        upsert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = ended });
        batch.BatchCommands.Add(upsert);
        AttemptCount counted;
        using (var reader = batch.ExecuteReader())
        {
            reader.Read();
            counted = new AttemptCount(reader.GetInt32(0), reader.GetFieldValue<DateTime>(1));
        }
        transaction.Commit();
        return counted;
    }

    private static int SweepEnded(NpgsqlConnection connection, DateTime ended)
    {
        using var sweep = new NpgsqlCommand(Sweep, connection);
        sweep.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = ended });
        sweep.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SweepBatch });
        return sweep.ExecuteNonQuery();
    }
}
