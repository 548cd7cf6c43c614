using Connect.Grpc.Domain;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connect.Grpc.Hosting;

/// <summary>SERVING once the store is open and answers a read.</summary>
internal sealed class StoreHealthCheck(IStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            store.Read(r => r.Get<SystemSetting>(Organizations.FundOrganizationSetting));
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The store is not available.", exception));
        }
    }
}
