using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connect.Grpc.Hosting;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connect.Benchmarks;

/// <summary>
/// The real server, as <c>Program.cs</c> builds it, on a free loopback port (HTTP/2 without TLS) over a throwaway
/// data directory, with the fund's first operator registered through the API. Everything not named here keeps the
/// server's default, above all the password-hashing cost and fsync at commit.
/// </summary>
public sealed partial class BenchmarkServer : IAsyncDisposable
{
    public const string Email = "operator@fund.test";
    public const string Password = "correct horse battery staple";
    private const string Phone = "+41791110000";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private BenchmarkServer(WebApplication app, string dataDirectory, GrpcChannel channel)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    /// <summary>The operator's session, from <c>FinishRegistration</c>.</summary>
    public string SessionToken { get; private set; } = "";

    /// <summary>Completes when the host stops, on Ctrl-C or SIGTERM (the host's own console lifetime handles both).</summary>
    public Task Stopped
    {
        get
        {
            var stopped = new TaskCompletionSource();
            _app.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
            return stopped.Task;
        }
    }

    public Metadata Bearer => new() { { "authorization", "Bearer " + SessionToken } };

    public static async Task<BenchmarkServer> StartAsync()
    {
        // BenchmarkDotNet raises its process to High priority. On Linux that renices only the threads that exist or
        // are started from them, so the server's and the client's threads would compete unevenly for two cores, which
        // halved the throughput of the calls here. A server runs at normal priority.
        Process.GetCurrentProcess().PriorityClass = ProcessPriorityClass.Normal;

        var dataDirectory = Path.Combine(Path.GetTempPath(), "connect-benchmarks-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);

        // The content root is the empty data directory, so no appsettings.json is picked up from the output folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Connect:Storage:DataDirectory"] = dataDirectory,
            ["Connect:Links:ConsoleBaseUrl"] = "http://console.invalid",
            // One client address makes every call here; the throttle exists for guessers, not for this.
            ["Connect:Security:AttemptsPerAddressPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var bootstrapOutput = new StringWriter();
        builder.Services.AddSingleton(new BootstrapOutput { Writer = TextWriter.Synchronized(bootstrapOutput) });
        builder.Services.AddConnectServer(builder.Configuration);

        var app = builder.Build();
        app.MapConnectServer();
        await app.StartAsync();

        var server = new BenchmarkServer(app, dataDirectory, GrpcChannel.ForAddress(app.Urls.Single()));
        var accessCode = AccessCodePattern().Match(bootstrapOutput.ToString());
        if (!accessCode.Success) throw new InvalidOperationException("The server printed no bootstrap access code.");
        server.SessionToken = await server.RegisterOperatorAsync(accessCode.Value);
        return server;
    }

    /// <summary>The registration a person walks through, reading the codes from the pickup folder and the SMS outbox.</summary>
    private async Task<string> RegisterOperatorAsync(string accessCode)
    {
        var registration = new RegistrationService.RegistrationServiceClient(Channel);
        var token = (await registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode })).RegistrationToken;

        await registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = Email, Language = Language.Fr });
        var mail = await FirstFileAsync("mail-pickup", "*.eml", file => MimeMessage.Load(file).TextBody ?? "");
        await registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = SixDigits(mail) });

        await registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = Password, Language = Language.Fr,
        });

        await registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = Phone });
        var sms = await FirstFileAsync("sms-outbox", "*.json",
            file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("text").GetString() ?? "");
        await registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = SixDigits(sms) });

        return (await registration.FinishRegistrationAsync(new() { RegistrationToken = token })).SessionToken;
    }

    /// <summary>Messages leave through the outbox in the background: waits for the first one to land.</summary>
    private async Task<string> FirstFileAsync(string folder, string pattern, Func<string, string> read)
    {
        var directory = Path.Combine(_dataDirectory, folder);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory, pattern).FirstOrDefault() is { } file) return read(file);
        }
        throw new TimeoutException($"Nothing arrived in {directory}.");
    }

    private static string SixDigits(string text) => SixDigitsPattern().Match(text) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException("No 6-digit code in the message.");

    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex AccessCodePattern();

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}(?![0-9])")]
    private static partial Regex SixDigitsPattern();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
