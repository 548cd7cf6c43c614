using System.Collections.Concurrent;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The attempt counters of one process, for the LiteDB store (one process). Bounded: past
/// <see cref="MaxTrackedAddresses"/> counters it forgets those whose window has ended.
/// </summary>
internal sealed class MemoryAttemptCounter : IAttemptCounter
{
    public const int MaxTrackedAddresses = 100_000;

    private readonly ConcurrentDictionary<(string Door, string Address), Counter> _counters = new();

    public int Tracked => _counters.Count;

    public AttemptCount Count(string door, string address, DateTime now, TimeSpan window)
    {
        if (_counters.Count > MaxTrackedAddresses) Forget(now, window);
        var counter = _counters.GetOrAdd((door, address), _ => new Counter());
        lock (counter)
        {
            if (now - counter.WindowStart >= window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }
            counter.Count++;
            return new AttemptCount(counter.Count, counter.WindowStart);
        }
    }

    private void Forget(DateTime now, TimeSpan window)
    {
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.WindowStart >= window) _counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter
    {
        public DateTime WindowStart { get; set; } = DateTime.MinValue;
        public int Count { get; set; }
    }
}
