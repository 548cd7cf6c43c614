using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Benchmarks;

/// <summary>
/// <c>write-load ADDRESS [--in-flight N] [--warm-up S] [--seconds S]</c>, with the session token in
/// <c>CONNECT_BENCH_TOKEN</c>: durable writes (<c>OrganizationService/CreateOrganization</c>) against a running
/// server from this separate process. Each call needs its own affiliate number, and h2load sends one body for every
/// request, so this .NET client drives the write row of <c>bench/h2load.sh</c> instead. Prints <c>KEY=VALUE</c> lines.
/// </summary>
internal static class WriteLoadCommand
{
    public static async Task<int> RunAsync(string address, int inFlight, double warmUpSeconds, double seconds)
    {
        var token = Environment.GetEnvironmentVariable("CONNECT_BENCH_TOKEN") is { Length: > 0 } t
            ? t
            : throw new InvalidOperationException("CONNECT_BENCH_TOKEN holds no session token.");
        using var channel = GrpcChannel.ForAddress(address);
        var organizations = new OrganizationService.OrganizationServiceClient(channel);
        var bearer = new Metadata { { "authorization", "Bearer " + token } };
        // Unique across runs against the same server too: the affiliate number is unique in the store.
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var created = 0;

        async Task<bool> CreateAsync()
        {
            var number = Interlocked.Increment(ref created);
            var request = new CreateOrganizationRequest { DisplayName = $"Load {prefix} {number}", AffiliateNumber = $"H2L.{prefix}.{number}", Language = Language.De };
            request.TopicIds.Add("contributions");
            try
            {
                var answer = await organizations.CreateOrganizationAsync(request, bearer);
                return answer.Organization is not null;
            }
            catch (RpcException)
            {
                return false;
            }
        }

        var warmUp = await RunForAsync(CreateAsync, inFlight, TimeSpan.FromSeconds(warmUpSeconds));
        var measured = await RunForAsync(CreateAsync, inFlight, TimeSpan.FromSeconds(seconds));
        var sorted = measured.Milliseconds.Order().ToArray();
        var p99 = sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"CALLS={sorted.Length}");
        Console.WriteLine($"FAILED={warmUp.Failed + measured.Failed}");
        Console.WriteLine($"CALLS_PER_SECOND={(sorted.Length / measured.Elapsed.TotalSeconds).ToString("F1", invariant)}");
        Console.WriteLine($"P99_MS={p99.ToString("F1", invariant)}");
        return warmUp.Failed + measured.Failed == 0 ? 0 : 1;
    }

    private sealed record Run(List<double> Milliseconds, int Failed, TimeSpan Elapsed);

    /// <summary>
    /// <paramref name="inFlight"/> callers, each making one call after the other until the time is up; the time of
    /// each successful call that started in it.
    /// </summary>
    private static async Task<Run> RunForAsync(Func<Task<bool>> call, int inFlight, TimeSpan duration)
    {
        var milliseconds = new List<double>();
        var failed = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (wall.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var succeeded = await call();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!succeeded) Interlocked.Increment(ref failed);
                else lock (milliseconds) milliseconds.Add(elapsed);
            }
        }));
        return new Run(milliseconds, failed, wall.Elapsed);
    }
}
