using System.Net;
using Connect.Grpc.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Telemetry;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Healthz_AnswersHealthy_OverPlainHttp()
    {
        using var response = await _server.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_Answers503_WhenTheStoreCannotBeRead()
    {
        var client = _server.CreateClient();
        // Closing the store is what a lost disk looks like to the check: every read fails.
        ((IDisposable)_server.Services.GetRequiredService<IStore>()).Dispose();

        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
