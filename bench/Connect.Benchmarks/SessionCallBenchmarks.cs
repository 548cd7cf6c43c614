using BenchmarkDotNet.Attributes;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// What every call of an internal app costs: the bearer session resolved (token hash, session and membership
/// read) and the answer built, over real gRPC on loopback. The client runs in the same process and shares the
/// machine's cores with the server, as <c>h2load</c> beside the server would.
/// </summary>
public class SessionCallBenchmarks
{
    private const int Calls = 1024;

    private BenchmarkServer _server = null!;
    private SessionService.SessionServiceClient _sessions = null!;
    private Metadata _bearer = null!;

    /// <summary>1 gives one caller's latency; 64 keeps the server busy, as many apps checking at once do.</summary>
    [Params(1, 64)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _sessions = new SessionService.SessionServiceClient(_server.Channel);
        _bearer = _server.Bearer;
        var answer = await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _bearer);
        if (string.IsNullOrEmpty(answer.PersonId)) throw new InvalidOperationException("CheckAccess answered no person.");
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _server.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task CheckAccess() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _bearer));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task WhoAmI() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.WhoAmIAsync(new(), _bearer));
}
