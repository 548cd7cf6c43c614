using Connect.Grpc.Domain;
using Connect.Grpc.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Testing;

/// <summary>
/// The real server in memory, over its own temporary data directory (real LiteDB file, real pickup folder and
/// SMS outbox), optionally on a fake clock. Password hashing runs at libsodium's minimum cost to keep tests fast.
/// </summary>
public sealed class ConnectServerFactory : WebApplicationFactory<ServerMarker>, IConnectUnderTest
{
    private readonly StringWriter _bootstrapOutput = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsData;
    private readonly Action<IServiceCollection>? _services;
    private readonly string? _environmentPrefix;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "connect-tests", Guid.NewGuid().ToString("N"));

    /// <param name="services">Extra registrations after the server's own (a test's log capture).</param>
    /// <param name="environmentPrefix">Also read the environment variables named with this prefix (the prefix removed), over every other setting.</param>
    /// <param name="postgreSql">On a fresh database of the private PostgreSQL cluster, whatever <see cref="StoreVariable"/> says.</param>
    public ConnectServerFactory(FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null,
        Action<IServiceCollection>? services = null, string? environmentPrefix = null, bool postgreSql = false)
    {
        _services = services;
        _environmentPrefix = environmentPrefix;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        FundOperator = new FundOperator(this);
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Connect:Storage:DataDirectory"] = DataDirectory,
            ["Connect:Security:PasswordMemoryKiB"] = "8",
            ["Connect:Security:PasswordIterations"] = "1",
            ["Connect:Links:ConsoleBaseUrl"] = "http://console.test",
            ["Connect:Messaging:PollInterval"] = "00:00:01",
            // Tests call from one address far faster than people do; the throttle has its own tests.
            ["Connect:Security:AttemptsPerAddressPerMinute"] = "10000",
        };
        if (postgreSql || Environment.GetEnvironmentVariable(StoreVariable) == "PostgreSql") OnPostgres(_settings, DataDirectory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>
    /// Set to <c>PostgreSql</c>, every test server runs on a database of the private PostgreSQL cluster instead of a
    /// LiteDB file (one database per data directory, so a server opened again on its data finds it): for running the
    /// whole suite on the other engine.
    /// </summary>
    public const string StoreVariable = "CONNECT_TEST_STORE";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> Databases = new();

    private static void OnPostgres(Dictionary<string, string?> settings, string dataDirectory)
    {
        settings["Connect:Storage:Provider"] = "PostgreSql";
        settings["Connect:Storage:ConnectionString"] = Databases.GetOrAdd(dataDirectory,
            _ => new Lazy<string>(() => PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult())).Value;
        settings["Connect:Security:ServerKey"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("connect-tests"u8));
    }

    private int _unique;

    /// <summary>
    /// A value no other call on this server got, made from <paramref name="value"/> ("801.001" → "801.001-7",
    /// "anna@muster.test" → "anna-7@muster.test"): for a theory whose rows each make the same organisation or person,
    /// which a server shared by the class already holds after the first row.
    /// </summary>
    public string Unique(string value)
    {
        var suffix = "-" + Interlocked.Increment(ref _unique).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? value + suffix : value[..at] + suffix + value[at..];
    }

    /// <summary>
    /// A Swiss mobile number no other call on this server got (+41 78 9…, a range no test writes out): for theory rows
    /// that each register a person, who would otherwise share one number's hourly allowance of codes.
    /// </summary>
    public string UniquePhone() =>
        "+41789" + Interlocked.Increment(ref _unique).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fund's first operator, shared by the tests of this server.</summary>
    public FundOperator FundOperator { get; }

    /// <summary>The server's clock: fake, so that tests step over resend intervals and expiries instead of waiting.</summary>
    public FakeTimeProvider Time { get; }

    public string DataDirectory { get; }

    public Mailbox Mail => new(Path.Combine(DataDirectory, "mail-pickup"));

    public SmsOutbox Sms => new(Path.Combine(DataDirectory, "sms-outbox"));

    /// <summary>What the first start printed (the bootstrap access code).</summary>
    public string BootstrapOutput
    {
        get
        {
            if (GrpcAddress is null) _ = Server; // starts the in-memory host; one on loopback is started already
            return _bootstrapOutput.ToString();
        }
    }

    public string BootstrapCode => TestCodes.AccessCode(BootstrapOutput)
        ?? throw new InvalidOperationException("The server printed no bootstrap access code.");

    public IStore Store() => Services.GetRequiredService<IStore>();

    TimeProvider IConnectUnderTest.Clock => Time;

    public void Pass(TimeSpan time) => Time.Advance(time);

    /// <summary>More than the default minute, whatever the test configured: the fake clock steps over it at no cost.</summary>
    public TimeSpan ResendInterval => TimeSpan.FromSeconds(61);

    public GrpcChannel CreateChannel() => GrpcAddress is { } address
        ? GrpcChannel.ForAddress(address)
        : GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    /// <summary>Set for a server on loopback: its gRPC endpoint (HTTP/2 without TLS).</summary>
    public Uri? GrpcAddress { get; private set; }

    /// <summary>Set for a server on loopback: its REST endpoint (HTTP/1.1), as partners and load balancers reach it.</summary>
    public Uri? RestAddress { get; private set; }

    /// <summary>
    /// The real server on free loopback ports with its two Kestrel endpoints from configuration (gRPC over HTTP/2,
    /// REST over HTTP/1.1), for callers from outside the process: plain HTTP clients, Node.js.
    /// </summary>
    public static ConnectServerFactory OnLoopback(FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string? environmentPrefix = null)
    {
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var rest = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Kestrel:Endpoints:Grpc:Url"] = grpc.ToString().TrimEnd('/'),
            ["Kestrel:Endpoints:Rest:Url"] = rest.ToString().TrimEnd('/'),
        };
        var factory = new ConnectServerFactory(time, all, services: services, environmentPrefix: environmentPrefix) { GrpcAddress = grpc, RestAddress = rest };
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_environmentPrefix is { } prefix) builder.ConfigureAppConfiguration(configuration => configuration.AddEnvironmentVariables(prefix));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<BootstrapOutput>();
            services.AddSingleton(new BootstrapOutput { Writer = TextWriter.Synchronized(_bootstrapOutput) });
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
