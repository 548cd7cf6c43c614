using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// <c>connect.outbox.depth</c>: messages waiting to be delivered, per channel. Each channel is an indexed count over
/// <see cref="OutboxMessage.WaitingChannel"/>, which touches waiting messages only, and the answer is kept for a few
/// seconds so that several readers (an exporter, dotnet-counters) do not each query the store.
/// </summary>
internal sealed class OutboxDepthGauge(IStore store, ConnectMetrics metrics) : IHostedService
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Measurement<long>[] _last = [];
    private long _lastAt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("connect.outbox.depth", Observe, "{message}",
            "Messages waiting in the outbox to be delivered (new or being retried), by channel.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (_gate)
        {
            // Stopwatch, not the injected clock: tests replace that one and would freeze the cache.
            if (_last.Length > 0 && Stopwatch.GetElapsedTime(_lastAt) < CacheFor) return _last;
            _last = store.Read(r => Enum.GetValues<MessageChannel>()
                .Select(channel => new Measurement<long>(r.WaitingOutboxCount(channel),
                    new KeyValuePair<string, object?>("channel", channel == MessageChannel.Sms ? "sms" : "email")))
                .ToArray());
            _lastAt = Stopwatch.GetTimestamp();
            return _last;
        }
    }
}
