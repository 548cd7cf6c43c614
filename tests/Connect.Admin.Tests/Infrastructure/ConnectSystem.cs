using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// The real thing for browser tests: the gRPC server and the console as two processes on free ports, an empty data
/// directory (so the server issues the bootstrap code), and a headless Chromium. Everything stops at the end.
/// </summary>
public partial class ConnectSystem : IAsyncLifetime
{
    // Generous: on a 2-core machine shared by parallel builds, two apps starting per collection took over 30 s; a quick start waits no longer.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    /// <summary>A system whose codes to one address or number are two seconds apart, so that no test waits a minute.</summary>
    public ConnectSystem() : this(TimeSpan.FromSeconds(2))
    {
    }

    /// <summary>A system whose codes to one address or number are <paramref name="codeResendInterval"/> apart.</summary>
    protected ConnectSystem(TimeSpan codeResendInterval) => CodeResendInterval = codeResendInterval;

    /// <summary>Connect's wait between two codes to the same address or number in this system.</summary>
    public TimeSpan CodeResendInterval { get; }

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("connect-admin-tests-").FullName;
    private RunningApp? server;
    private RunningApp? console;
    private HeadlessChromium? browser;
    private readonly Dictionary<string, Task> once = [];

    public Uri ConsoleAddress { get; private set; } = default!;

    public Uri ServerAddress { get; private set; } = default!;

    /// <summary>The access code the server printed for the fund's first operator.</summary>
    public string BootstrapAccessCode { get; private set; } = string.Empty;

    public Outbox Outbox { get; private set; } = default!;

    public HeadlessChromium Browser => browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var grpcPort = FreePort();
        var consolePort = FreePort();
        ServerAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        ConsoleAddress = new Uri($"http://127.0.0.1:{consolePort}");
        Outbox = new Outbox(dataDirectory);

        server = RunningApp.Start("Connect.Grpc", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = ServerAddress.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{FreePort()}",
            ["Connect__Storage__DataDirectory"] = dataDirectory,
            ["Connect__Links__ConsoleBaseUrl"] = ConsoleAddress.ToString().TrimEnd('/'),
            // Argon2id at its lowest cost: the tests hash a few passwords, not attackers' guesses.
            ["Connect__Security__PasswordMemoryKiB"] = "8192",
            ["Connect__Security__PasswordIterations"] = "1",
            // Usually two seconds instead of 60: a test that must wait waits seconds (the refusals run on a system of
            // their own at the real pace).
            ["Connect__Security__CodeResendInterval"] = CodeResendInterval.ToString(),
        });
        console = RunningApp.Start("Connect.Admin", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = ConsoleAddress.ToString().TrimEnd('/'),
            ["Connect__ServerAddress"] = ServerAddress.ToString().TrimEnd('/'),
        });
        BootstrapAccessCode = (await server.WaitForLineAsync(AccessCodeLine(), StartPatience)).Groups["code"].Value;
        await server.WaitForLineAsync(ListeningLine(), StartPatience);
        await console.WaitForLineAsync(ListeningLine(), StartPatience);
        browser = new HeadlessChromium();
    }

    public Uri ConsoleUrl(string pathAndQuery) => new(ConsoleAddress, pathAndQuery);

    /// <summary>
    /// The console by the name <c>localhost</c>: browsers refuse passkeys on an IP address, and Connect's relying party
    /// for a console at 127.0.0.1 is <c>localhost</c> (its cookies are the name's own, so a browser signs in there anew).
    /// </summary>
    public Uri LocalhostUrl(string pathAndQuery) => new(new UriBuilder(ConsoleAddress) { Host = "localhost" }.Uri, pathAndQuery);

    /// <summary>Runs <paramref name="work"/> once per system (e.g. a registration others build on) and shares its result.</summary>
    public Task<T> OnceAsync<T>(string key, Func<Task<T>> work)
    {
        lock (once)
        {
            if (!once.TryGetValue(key, out var task)) once[key] = task = work();
            return (Task<T>)task;
        }
    }

    /// <summary>The client library, calling as the holder of <paramref name="sessionToken"/> (or without a session).</summary>
    public ServiceProvider Client(string? sessionToken = null)
    {
        var services = new ServiceCollection();
        services.AddConnectClient(o => o.Address = ServerAddress);
        services.AddSingleton<ISessionTokenProvider>(new FixedSessionToken(sessionToken));
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a browser scenario; a failure carries the page and both apps' output.</summary>
    public async Task RunAsync(Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            string page;
            try
            {
                page = $"{Browser.Url}\n{Browser.MainText}";
            }
            catch (Exception pageFailure) when (pageFailure is OpenQA.Selenium.WebDriverException)
            {
                page = "(no page)";
            }
            throw new Xunit.Sdk.XunitException(
                $"{exception.Message}\n--- browser ---\n{page}\n{server?.Tail()}\n{console?.Tail()}\n{exception}");
        }
    }

    public Task DisposeAsync()
    {
        browser?.Dispose();
        console?.Dispose();
        server?.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temporary folder is the system's to clean.
        }
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"access code.*?(?<code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", RegexOptions.IgnoreCase)]
    private static partial Regex AccessCodeLine();

    [GeneratedRegex("Now listening on")]
    private static partial Regex ListeningLine();

    private sealed class FixedSessionToken(string? token) : ISessionTokenProvider
    {
        public string? GetSessionToken() => token;
    }
}
