using System.Net;
using Connect.Grpc.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Telemetry;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly ConnectServerFactory _server = new(services: CountingStore.Register);

    public void Dispose() => _server.Dispose();

    private CountingStore Store => (CountingStore)_server.Store();

    [Fact]
    public async Task Healthz_AnswersHealthy_OverPlainHttp()
    {
        using var response = await _server.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_Answers503_WithinASecondOfTheStoreFailing()
    {
        var client = _server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        // Closing the store is what a lost disk looks like to the check: every read fails.
        ((IDisposable)_server.Services.GetRequiredService<IStore>()).Dispose();

        _server.Time.Advance(TimeSpan.FromSeconds(1));

        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ManyProbes_CostTheStoreOneReadASecond()
    {
        var client = _server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Store.Take();
        Store.Recording = true;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync("/healthz")));
        var withinTheSecond = Store.Take();
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync("/healthz")));
        var afterIt = Store.Take();

        Assert.Empty(withinTheSecond);
        Assert.Equal(["Get SystemSetting"], afterIt);
    }
}
