using System.Collections.Concurrent;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The attempt counters of one process, for the LiteDB store (one process). Bounded: past
/// <paramref name="maxTracked"/> counters (100,000 by default) it forgets those whose window has ended.
/// </summary>
internal sealed class MemoryAttemptCounter(int maxTracked = 100_000) : IAttemptCounter
{
    private readonly ConcurrentDictionary<(string Door, string Address), Counter> _counters = new();

    public int Tracked => _counters.Count;

    public AttemptCount Count(string door, string address, DateTime now, TimeSpan window)
    {
        if (_counters.Count > maxTracked) Forget(now, window);
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
