using Connect.Grpc.Domain;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connect.Grpc.Hosting;

/// <summary>
/// SERVING while the store answers a read. The answer of one read serves every probe for <see cref="Freshness"/>, so a
/// load balancer probing often costs the store one read a second at most, and a broken store is reported within about
/// a second. Probes that arrive while the read runs wait for it rather than reading too.
/// </summary>
internal sealed class StoreHealthCheck(IStore store, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Answer? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } known) return known;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // Another probe may have read while this one waited.
            if (Fresh() is { } justRead) return justRead;
            var result = Read();
            Volatile.Write(ref _last, new Answer(result, time.GetTimestamp()));
            return result;
        }
        finally
        {
            _reading.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        Volatile.Read(ref _last) is { } last && time.GetElapsedTime(last.At) < Freshness ? last.Result : null;

    /// <summary>One read's answer and when it was read; replaced whole, so a probe never sees half of two answers.</summary>
    private sealed record Answer(HealthCheckResult Result, long At);

    private HealthCheckResult Read()
    {
        try
        {
            store.Read(r => r.Get<SystemSetting>(Organizations.FundOrganizationSetting));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The store is not available.", exception);
        }
    }
}
