namespace Connect.Benchmarks;

internal static class Concurrently
{
    /// <summary>
    /// Makes <paramref name="total"/> calls with <paramref name="inFlight"/> of them outstanding at any time, as
    /// that many independent callers would; the tail where fewer are left is short against the total.
    /// </summary>
    public static Task Run(int total, int inFlight, Func<Task> call)
    {
        var left = total;
        async Task Caller()
        {
            while (Interlocked.Decrement(ref left) >= 0) await call();
        }
        return Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Caller()));
    }
}
