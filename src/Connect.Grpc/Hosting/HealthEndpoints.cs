namespace Connect.Grpc.Hosting;

/// <summary>
/// <c>GET /healthz</c> for load balancers that speak plain HTTP: the same checks as the gRPC health service,
/// <c>200 Healthy</c> or <c>503 Unhealthy</c>. Not bound to a host or port, so it answers on every endpoint.
/// </summary>
public static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static WebApplication MapConnectHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path);
        return app;
    }

    /// <summary>Load balancers ask every few seconds; their requests are left out of traces.</summary>
    public static bool Matches(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);
}
