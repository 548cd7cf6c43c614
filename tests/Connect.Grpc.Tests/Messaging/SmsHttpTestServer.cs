using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>A real HTTP server on loopback standing in for an SMS gateway: records each POST, answers a chosen status.</summary>
public sealed class SmsHttpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(string? Authorization, string? ContentType, string? IdempotencyKey, JsonElement Body);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.Accepted;
    public Uri Url { get; private set; } = null!;

    private SmsHttpTestServer()
    {
        _app = LoopbackApp.CreateBuilder().Build();
        _app.MapPost("/sms", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            Requests.Enqueue(new Received(context.Request.Headers.Authorization, context.Request.ContentType,
                context.Request.Headers["Idempotency-Key"], body));
            context.Response.StatusCode = (int)Answer;
            // An echo of the request, like some gateways send: it must not reach the outbox's error text.
            await context.Response.WriteAsync(body.GetRawText());
        });
    }

    public static async Task<SmsHttpTestServer> StartAsync()
    {
        var server = new SmsHttpTestServer();
        await server._app.StartAsync();
        var address = server._app.Urls.Single();
        server.Url = new Uri(new Uri(address), "/sms");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
