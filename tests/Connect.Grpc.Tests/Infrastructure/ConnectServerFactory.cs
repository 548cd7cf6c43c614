using Connect.Grpc.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.Tests.Infrastructure;

/// <summary>
/// The real server in memory, over its own temporary data directory (real LiteDB file, real pickup folder and
/// SMS outbox), optionally on a fake clock. Password hashing runs at libsodium's minimum cost to keep tests fast.
/// </summary>
public sealed class ConnectServerFactory : WebApplicationFactory<ServerMarker>
{
    private readonly StringWriter _bootstrapOutput = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsData;
    private readonly Action<IServiceCollection>? _services;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "connect-tests", Guid.NewGuid().ToString("N"));

    /// <param name="services">Extra registrations after the server's own (a test's log capture).</param>
    public ConnectServerFactory(FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

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
            _ = Server; // starts the host
            return _bootstrapOutput.ToString();
        }
    }

    public string BootstrapCode => TestCodes.AccessCode(BootstrapOutput)
        ?? throw new InvalidOperationException("The server printed no bootstrap access code.");

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
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
