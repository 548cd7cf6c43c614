using Connect.Grpc.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// Hears what the other replicas' writes changed (<see cref="PostgresChangeNotice"/>, sent inside each write) and tells
/// this process's listener, so that a session ended on one replica is refused by the others within milliseconds. A notice
/// sent while this replica did not listen (before the first LISTEN, after a lost connection) is lost: the listener is
/// reset when listening starts again, and the session cache keeps nothing longer than a second on PostgreSQL anyway
/// (<see cref="Domain.SessionCache"/>), so a lost notice delays a refusal by at most that.
/// </summary>
internal sealed partial class PostgresChangeListener(IServiceProvider services, IOptions<StorageOptions> storage, IStoreChangeListener listener,
    ILogger<PostgresChangeListener> log) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        // Registered on every server; a LiteDB store is the process's own, and nobody else writes to it.
        if (storage.Value.Provider != StorageProvider.PostgreSql) return;
        var store = services.GetRequiredService<PostgresStore>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.OpenListeningConnectionAsync(stopping);
                connection.Notification += (_, notice) => Heard(store.Origin, notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeNotice.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                listener.Reset();
                // Wakes at least every few seconds, so that a connection that died without a word is found out.
                while (true)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(5), stopping))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stopping);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogLost(log, e.GetType().Name);
                await Task.Delay(Retry, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Another store's (replica's) notice is passed on; this store told the listener of its own writes already.</summary>
    private void Heard(string ownOrigin, string payload)
    {
        var (origin, changes) = PostgresChangeNotice.Read(payload);
        if (origin == ownOrigin) return;
        if (changes is null) listener.Reset();
        else listener.Committed(changes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for other replicas' changes ({Error}); sessions ended elsewhere are refused here within a second until it listens again.")]
    private static partial void LogLost(ILogger logger, string error);
}
