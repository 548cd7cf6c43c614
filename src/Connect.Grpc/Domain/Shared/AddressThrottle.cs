using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// A budget of attempts per client address and minute at each door that takes a guessable secret, so one address
/// cannot guess at speed. The attempts are counted by <see cref="IAttemptCounter"/>: on PostgreSQL in the database,
/// so the budget is shared by all replicas (decision 0035); on LiteDB in memory, where a restart forgets it, which
/// costs an attacker nothing they did not have, and the per-account lock (<see cref="SignInLocks"/>) is stored.
/// </summary>
internal sealed class AddressThrottle(IAttemptCounter counter, TimeProvider time, IOptions<SecurityOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Takes one attempt at <paramref name="door"/>, or throws RESOURCE_EXHAUSTED <c>RATE_LIMITED</c>.</summary>
    public void Take(string door, Caller caller)
    {
        var now = time.UtcNow();
        var (count, windowStart) = counter.Count(door, caller.ClientAddress ?? "unknown", now, Window);
        if (count <= options.Value.AttemptsPerAddressPerMinute) return;
        // Another replica's clock may run a little ahead of this one's: the wait is never longer than a window.
        var retryAfter = windowStart + Window - now;
        throw new ConnectException(ErrorReason.RateLimited, "Too many attempts from this address; try again shortly.")
        {
            RetryAfter = retryAfter > Window ? Window : retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter,
        };
    }
}
