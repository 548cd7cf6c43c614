using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connect.Grpc.Tests.Telemetry;

/// <summary>A real OTLP/HTTP receiver on loopback: accepts protobuf exports on <c>/v1/metrics</c> and <c>/v1/traces</c> and keeps them.</summary>
public sealed class OtlpTestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Export(string Path, string? ContentType, byte[] Body);

    public ConcurrentQueue<Export> Exports { get; } = new();
    public Uri Url { get; private set; } = null!;

    private OtlpTestReceiver()
    {
        _app = LoopbackApp.CreateBuilder().Build();
        _app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Exports.Enqueue(new Export("/v1/" + signal, context.Request.ContentType, body.ToArray()));
            // An empty Export…ServiceResponse is a full success.
            context.Response.ContentType = "application/x-protobuf";
        });
    }

    public static async Task<OtlpTestReceiver> StartAsync()
    {
        var receiver = new OtlpTestReceiver();
        await receiver._app.StartAsync();
        receiver.Url = new Uri(receiver._app.Urls.Single());
        return receiver;
    }

    /// <summary>Waits for an export to <paramref name="path"/> whose protobuf holds every one of <paramref name="texts"/> (strings travel as UTF-8).</summary>
    public async Task<Export> WaitFor(string path, params string[] texts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = Exports.FirstOrDefault(e => e.Path == path && texts.All(t => Contains(e.Body, t)));
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No export to {path} held {string.Join(", ", texts)}; got {Exports.Count} exports.");
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
