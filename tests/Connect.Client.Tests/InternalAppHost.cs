using System.Collections.Concurrent;
using Connect.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Client.Tests;

/// <summary>
/// A minimal internal app of the fund: endpoints behind <c>RequireConnectTopic</c> (minimal API and MVC), its Connect
/// client pointed at the test's Connect server (or anywhere else), in memory through ASP.NET Core's test server.
/// </summary>
public sealed class InternalAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InternalAppHost(WebApplication app, LogLines logs)
    {
        _app = app;
        Logs = logs;
        Http = app.GetTestClient();
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the app logged, rendered.</summary>
    public LogLines Logs { get; }

    public static async Task<InternalAppHost> StartAsync(Action<ConnectClientOptions> configure, Func<HttpMessageHandler>? connectHandler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        var logs = new LogLines();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddConnectClient(configure);
        if (connectHandler is not null)
            builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(connectHandler));
        builder.Services.AddControllers().AddApplicationPart(typeof(ContributionsController).Assembly);

        var app = builder.Build();
        app.MapGet("/contributions", async (ConnectPerson person) =>
            $"{person.PersonId} {(await person.WhoAmIAsync()).Email} {(await person.WhoAmIAsync()).TopicIds.Count}")
            .RequireConnectTopic("contributions");
        app.MapGet("/allowances", () => "family allowances").RequireConnectTopic("family-allowances");
        app.MapControllers();
        await app.StartAsync();
        return new InternalAppHost(app, logs);
    }

    public Task<HttpResponseMessage> Get(string path, string? bearer = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(LogLines lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>The MVC form: the attribute on a controller action.</summary>
[ApiController]
public sealed class ContributionsController : ControllerBase
{
    [HttpGet("/mvc/contributions")]
    [RequireConnectTopic("contributions")]
    public string Get() => HttpContext.GetConnectPerson().PersonId;
}
