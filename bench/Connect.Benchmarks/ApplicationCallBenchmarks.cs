using BenchmarkDotNet.Attributes;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// What an internal app's access check costs when it calls with its own access token and forwards the person's
/// session (the app's token resolved: token hash, application, then the forwarded session as in
/// <see cref="SessionCallBenchmarks"/>), next to the person's own check.
/// </summary>
public class ApplicationCallBenchmarks
{
    private const int Calls = 1024;

    private BenchmarkServer _server = null!;
    private SessionService.SessionServiceClient _sessions = null!;
    private Metadata _person = null!;
    private Metadata _app = null!;

    [Params(1, 64)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _sessions = new SessionService.SessionServiceClient(_server.Channel);
        _person = _server.Bearer;
        var applications = new ApplicationService.ApplicationServiceClient(_server.Channel);
        var created = await applications.CreateApplicationAsync(new()
        {
            DisplayName = "Benchmark app", Kind = ApplicationKind.Internal, Scopes = { "access.check" },
        }, _person);
        var token = await applications.CreateApplicationTokenAsync(new() { ClientId = created.Application.ClientId, ClientSecret = created.ClientSecret });
        _app = new Metadata { { "authorization", "Bearer " + token.AccessToken } };
        if (string.IsNullOrEmpty((await ForwardedCheck()).PersonId)) throw new InvalidOperationException("The forwarded check answered no person.");

        // As in SessionCallBenchmarks: reach the steady state of a long-running server first.
        for (var end = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < end;)
        {
            await OwnCheckAccess();
            await ForwardedCheckAccess();
        }
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _server.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task OwnCheckAccess() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _person));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task ForwardedCheckAccess() => Concurrently.Run(Calls, InFlight, async () => await ForwardedCheck());

    private async Task<CheckAccessResponse> ForwardedCheck() =>
        await _sessions.CheckAccessAsync(new() { TopicId = "contributions", SessionToken = _server.SessionToken }, _app);
}
