using System.Collections.Concurrent;
using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// A budget of attempts per client address and minute at each door that takes a guessable secret, so one
/// address cannot guess at speed. Kept in memory: a restart forgets it, which costs an attacker nothing
/// they did not have, and the per-account lock (<see cref="SignInLocks"/>) is stored.
/// </summary>
internal sealed class AddressThrottle(TimeProvider time, IOptions<SecurityOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxTrackedAddresses = 100_000;

    private readonly ConcurrentDictionary<(string Door, string Address), Counter> _counters = new();

    /// <summary>Takes one attempt at <paramref name="door"/>, or throws RESOURCE_EXHAUSTED <c>RATE_LIMITED</c>.</summary>
    public void Take(string door, Caller caller)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_counters.Count > MaxTrackedAddresses) Forget(now);
        var counter = _counters.GetOrAdd((door, caller.ClientAddress ?? "unknown"), _ => new Counter());
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }
            if (counter.Count >= options.Value.AttemptsPerAddressPerMinute)
            {
                throw new ConnectException(ErrorReason.RateLimited, "Too many attempts from this address; try again shortly.")
                {
                    RetryAfter = counter.WindowStart + Window - now,
                };
            }
            counter.Count++;
        }
    }

    private void Forget(DateTime now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.WindowStart >= Window) _counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter
    {
        public DateTime WindowStart { get; set; } = DateTime.MinValue;
        public int Count { get; set; }
    }
}
