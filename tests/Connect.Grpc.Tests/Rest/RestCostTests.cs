using System.Net;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swashbuckle.AspNetCore.Swagger;

namespace Connect.Grpc.Tests.Rest;

/// <summary>
/// REST must not cost plain gRPC calls anything: the OpenAPI document's generator (a new one per resolution) is made
/// only for a request of the document, not for every call as Swashbuckle's UseSwagger middleware would.
/// </summary>
public sealed class RestCostTests : IDisposable
{
    private readonly ConnectServerFactory _server;
    private int _generatorsMade;

    public RestCostTests()
    {
        _server = new ConnectServerFactory(services: services =>
        {
            // The server's own registration, counted.
            var original = services.Last(d => d.ServiceType == typeof(ISwaggerProvider));
            services.RemoveAll<ISwaggerProvider>();
            services.AddTransient(provider =>
            {
                Interlocked.Increment(ref _generatorsMade);
                return (ISwaggerProvider)(original.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));
            });
        });
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GrpcAndRestCalls_MakeNoDocumentGenerator_OnlyTheDocumentDoes()
    {
        var support = new SupportService.SupportServiceClient(_server.CreateChannel());
        for (var i = 0; i < 3; i++) await support.GetSupportContactAsync(new());
        using var http = _server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/supportContact")).StatusCode);
        Assert.Equal(0, Volatile.Read(ref _generatorsMade));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.True(Volatile.Read(ref _generatorsMade) >= 1);
    }
}
