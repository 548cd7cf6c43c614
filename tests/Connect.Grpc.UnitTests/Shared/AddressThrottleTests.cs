using Connect.Grpc.Domain;
using Connect.Grpc.Security;
using Connect.Grpc.Storage;
using Connect.V1;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.UnitTests.Shared;

/// <summary>The throttle's rule over the in-memory counter (LiteDB); the PostgreSQL counter has its own tests.</summary>
public sealed class AddressThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly MemoryAttemptCounter _counter = new();
    private readonly AddressThrottle _throttle;

    public AddressThrottleTests() =>
        _throttle = new AddressThrottle(_counter, _time, Options.Create(new SecurityOptions { AttemptsPerAddressPerMinute = 3 }));

    [Fact]
    public void Limit_IsTakenThenRefused_WithTheWaitUntilTheWindowEnds()
    {
        for (var i = 0; i < 3; i++) _throttle.Take("sign-in", From("192.0.2.1"));
        _time.Advance(TimeSpan.FromSeconds(20));

        var refused = Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From("192.0.2.1")));

        Assert.Equal(ErrorReason.RateLimited, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
    }

    [Fact]
    public void EachDoorAndAddress_HasItsOwnBudget()
    {
        for (var i = 0; i < 3; i++) _throttle.Take("sign-in", From("192.0.2.1"));

        _throttle.Take("access-code", From("192.0.2.1"));
        _throttle.Take("sign-in", From("192.0.2.2"));
        Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From("192.0.2.1")));
    }

    [Fact]
    public void AWindowEndsAMinuteAfterItsFirstAttempt_RefusalsIncluded()
    {
        for (var i = 0; i < 3; i++) _throttle.Take("sign-in", From("192.0.2.1"));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From("192.0.2.1")));

        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++) _throttle.Take("sign-in", From("192.0.2.1"));
        Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From("192.0.2.1")));
    }

    [Fact]
    public void AnUnknownAddress_SharesOneBudget()
    {
        for (var i = 0; i < 3; i++) _throttle.Take("sign-in", From(null));
        Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From(null)));
    }

    [Fact]
    public void AnotherReplicasClockAhead_NeverMakesTheWaitLongerThanAWindow()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 3; i++) _counter.Count("sign-in", "192.0.2.1", now.AddSeconds(5), AddressThrottle.Window);

        var refused = Assert.Throws<ConnectException>(() => _throttle.Take("sign-in", From("192.0.2.1")));

        Assert.Equal(AddressThrottle.Window, refused.RetryAfter);
    }

    [Fact]
    public void MemoryCounter_PastItsBound_ForgetsEndedWindowsOnly()
    {
        const int Bound = 100;
        var counter = new MemoryAttemptCounter(Bound);
        var start = _time.GetUtcNow().UtcDateTime;
        for (var i = 0; i <= Bound; i++) counter.Count("sign-in", "a" + i, start, AddressThrottle.Window);
        var beforeTheyEnd = start + AddressThrottle.Window - TimeSpan.FromMilliseconds(1);
        counter.Count("sign-in", "fresh", beforeTheyEnd, AddressThrottle.Window);
        Assert.Equal(Bound + 2, counter.Tracked);

        counter.Count("sign-in", "fresh", start + AddressThrottle.Window, AddressThrottle.Window);

        Assert.Equal(1, counter.Tracked);
        Assert.Equal(new AttemptCount(3, beforeTheyEnd), counter.Count("sign-in", "fresh", start + AddressThrottle.Window, AddressThrottle.Window));
    }

    private static Caller From(string? address) => new(null, null, address, null);
}
