using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connect.Grpc.Domain;
using Connect.Grpc.Hosting;
using Connect.Testing;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connect.Benchmarks;

/// <summary>
/// The real server, as <c>Program.cs</c> builds it, on a free loopback port (HTTP/2 without TLS) over a throwaway
/// data directory, with the fund's first operator registered through the API. Everything not named here keeps the
/// server's default, above all the password-hashing cost and fsync at commit. It can also open an existing data
/// directory, as a restarted installation does, and sign the operator in there.
/// </summary>
public sealed partial class BenchmarkServer : IAsyncDisposable
{
    public const string Email = "operator@fund.test";
    public const string Password = "correct horse battery staple";
    private const string Phone = "+41791110000";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly bool _keepData;

    private BenchmarkServer(WebApplication app, string dataDirectory, GrpcChannel channel, bool keepData)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _keepData = keepData;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary>The server's own store, for seeding large data sets without the API.</summary>
    public IStore Store => _app.Services.GetRequiredService<IStore>();

    /// <summary>What the server printed at start: the bootstrap access code on a first start, nothing on a restart.</summary>
    public string BootstrapText { get; private set; } = "";

    /// <summary>How long <c>StartAsync</c> of the host took: opening the store and <c>Bootstrap.Run</c> (key backfill included).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Times measured inside the server, around each gRPC call, while <see cref="ServerTimings.Recording"/> is on.</summary>
    public ServerTimings Timings { get; private init; } = new();

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

    public static Task<BenchmarkServer> StartAsync() => StartAsync(existingDataDirectory: null);

    /// <summary>
    /// Settings that make the server one replica over a fresh database of this process's private PostgreSQL cluster
    /// (started on first use, Debian's defaults: <c>fsync</c> and <c>synchronous_commit</c> on; stopped when the
    /// process exits).
    /// </summary>
    public static async Task<Dictionary<string, string?>> PostgresSettingsAsync() => new()
    {
        ["Connect:Storage:Provider"] = "PostgreSql",
        ["Connect:Storage:ConnectionString"] = await PostgresCluster.Shared.CreateDatabaseAsync(),
        ["Connect:Security:ServerKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>
    /// Starts over a fresh data directory and registers the fund's first operator, or, with
    /// <paramref name="existingDataDirectory"/> (one where the operator registered before), restarts there and signs
    /// the operator in with password and SMS code (unless <paramref name="signIn"/> is false). The data directory is
    /// deleted at dispose unless <paramref name="keepData"/>.
    /// </summary>
    /// <param name="settings">Configuration over the defaults here (another storage engine).</param>
    public static async Task<BenchmarkServer> StartAsync(string? existingDataDirectory, bool keepData = false, bool signIn = true,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        // BenchmarkDotNet raises its process to High priority. On Linux that renices only the threads that exist or
        // are started from them, so the server's and the client's threads would compete unevenly for two cores, which
        // halved the throughput of the calls here. A server runs at normal priority.
        Process.GetCurrentProcess().PriorityClass = ProcessPriorityClass.Normal;

        var dataDirectory = existingDataDirectory ?? Path.Combine(Path.GetTempPath(), "connect-benchmarks-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);

        // The content root is the empty data directory, so no appsettings.json is picked up from the output folder.
        var builder = ConnectServerHost.CreateBuilder([], contentRoot: dataDirectory);
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
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var bootstrapOutput = new StringWriter();
        builder.Services.AddSingleton(new BootstrapOutput { Writer = TextWriter.Synchronized(bootstrapOutput) });
        builder.Services.AddConnectServer(builder.Configuration);

        var app = builder.Build();
        var timings = new ServerTimings();
        // Runs after routing and around the gRPC endpoint: the server's time for a call, without the client's. Costs
        // one flag check while not recording.
        app.Use(next => context => timings.Recording ? timings.TimeAsync(next, context) : next(context));
        app.MapConnectServer();
        var starting = Stopwatch.StartNew();
        await app.StartAsync();

        var server = new BenchmarkServer(app, dataDirectory, GrpcChannel.ForAddress(app.Urls.Single()), keepData)
        {
            BootstrapText = bootstrapOutput.ToString(),
            StartupTime = starting.Elapsed,
            Timings = timings,
        };
        if (existingDataDirectory is null)
        {
            var accessCode = AccessCodePattern().Match(server.BootstrapText);
            if (!accessCode.Success) throw new InvalidOperationException("The server printed no bootstrap access code.");
            server.SessionToken = await server.RegisterOperatorAsync(accessCode.Value);
        }
        else if (signIn)
        {
            server.SessionToken = await SignInOperatorAsync(server.Channel, dataDirectory);
        }
        return server;
    }

    /// <summary>
    /// The operator's sign-in: password, then the SMS code from the outbox under <paramref name="dataDirectory"/> (the
    /// server's default SMS gateway), against this process's server or another one.
    /// </summary>
    public static async Task<string> SignInOperatorAsync(GrpcChannel channel, string dataDirectory)
    {
        var signIn = new SignInService.SignInServiceClient(channel);
        var challenge = (await signIn.StartSignInAsync(new() { Email = Email, Password = Password })).Challenge;
        var outbox = Path.Combine(dataDirectory, "sms-outbox");
        var earlier = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.json").ToHashSet() : [];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await signIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken });
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && attempt < 20)
            {
                // One SMS code a minute per number: a data directory registered moments ago must wait for its second.
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }
        var sms = await FirstFileAsync(dataDirectory, "sms-outbox", "*.json",
            file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("text").GetString() ?? "", earlier);
        var verified = await signIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = SixDigits(sms) });
        return verified.Session?.SessionToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The operator's sign-in issued no session.");
    }

    /// <summary>The registration a person walks through, reading the codes from the pickup folder and the SMS outbox.</summary>
    private async Task<string> RegisterOperatorAsync(string accessCode)
    {
        var registration = new RegistrationService.RegistrationServiceClient(Channel);
        var token = (await registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode })).RegistrationToken;

        await registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = Email, Language = Language.Fr });
        var mail = await FirstFileAsync(_dataDirectory, "mail-pickup", "*.eml", file => MimeMessage.Load(file).TextBody ?? "");
        await registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = SixDigits(mail) });

        await registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = Password, Language = Language.Fr,
        });

        await registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = Phone });
        var sms = await FirstFileAsync(_dataDirectory, "sms-outbox", "*.json",
            file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("text").GetString() ?? "");
        await registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = SixDigits(sms) });

        return (await registration.FinishRegistrationAsync(new() { RegistrationToken = token })).SessionToken;
    }

    /// <summary>Messages leave through the outbox in the background: waits for the first one to land.</summary>
    private static async Task<string> FirstFileAsync(string dataDirectory, string folder, string pattern, Func<string, string> read,
        IReadOnlySet<string>? earlier = null)
    {
        var directory = Path.Combine(dataDirectory, folder);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (Directory.Exists(directory)
                && Directory.GetFiles(directory, pattern).FirstOrDefault(f => earlier is null || !earlier.Contains(f)) is { } file)
            {
                return read(file);
            }
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
        if (_keepData) return;
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Server-side durations per gRPC path, kept only while <see cref="Recording"/> is on.</summary>
public sealed class ServerTimings
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _milliseconds = new();

    private volatile bool _recording;

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public async Task TimeAsync(RequestDelegate next, HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        _milliseconds.GetOrAdd(context.Request.Path.Value ?? "", _ => new ConcurrentQueue<double>())
            .Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The durations of one path, in milliseconds, e.g. <c>/connect.v1.MemberService/ListMembers</c>.</summary>
    public IReadOnlyList<double> Of(string path) => _milliseconds.TryGetValue(path, out var queue) ? queue.ToArray() : [];

    public void Clear() => _milliseconds.Clear();
}
