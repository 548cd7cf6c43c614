namespace Connect.Grpc.Domain;

public static class Clock
{
    /// <summary>
    /// The current UTC time at millisecond precision, which is what the store keeps: a value handed out in
    /// an answer is then equal to the value read back later.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
