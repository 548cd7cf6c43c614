using BenchmarkDotNet.Attributes;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// What every call of an internal app costs: the bearer session resolved (token hash, session and membership
/// read) and the answer built, over real gRPC on loopback. The client runs in the same process and shares the
/// machine's cores with the server, as any load tool beside the server would; <c>bench/README.md</c> has h2load's
/// figures for comparison.
/// </summary>
public class SessionCallBenchmarks
{
    private const int Calls = 1024;

    private BenchmarkServer _server = null!;
    private SessionService.SessionServiceClient _sessions = null!;
    private SupportService.SupportServiceClient _support = null!;
    private Metadata _bearer = null!;

    /// <summary>1 gives one caller's latency; 64 keeps the server busy, as many apps checking at once do.</summary>
    [Params(1, 64)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _sessions = new SessionService.SessionServiceClient(_server.Channel);
        _support = new SupportService.SupportServiceClient(_server.Channel);
        _bearer = _server.Bearer;
        var answer = await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _bearer);
        if (string.IsNullOrEmpty(answer.PersonId)) throw new InvalidOperationException("CheckAccess answered no person.");

        // Each case runs in a fresh process. On two cores Kestrel, gRPC, LiteDB and the session path take some
        // 10-15 s of calls to reach tiered, optimised code, far more than BenchmarkDotNet's warm-up; a long-running
        // server's steady state is what is measured here.
        for (var end = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < end;)
        {
            await GetSupportContact();
            await CheckAccess();
            await WhoAmI();
        }
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _server.DisposeAsync();

    /// <summary>A call that needs no session and reads nothing: what gRPC on loopback costs by itself.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task GetSupportContact() =>
        Concurrently.Run(Calls, InFlight, async () => await _support.GetSupportContactAsync(new()));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task CheckAccess() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _bearer));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task WhoAmI() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.WhoAmIAsync(new(), _bearer));
}
