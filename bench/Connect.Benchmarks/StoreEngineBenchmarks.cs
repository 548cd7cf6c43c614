using BenchmarkDotNet.Attributes;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// One server on each storage engine, the same calls: a session check, a member read, and an organisation created
/// (a durable write). On PostgreSQL the server is one replica of a deployment, over a private cluster on this machine
/// (Debian's defaults: <c>synchronous_commit</c> and <c>fsync</c> on), so every read is a round trip on loopback and
/// every write a committed SERIALIZABLE transaction.
/// </summary>
public class StoreEngineBenchmarks
{
    private const int Calls = 512;

    private BenchmarkServer _server = null!;
    private SessionService.SessionServiceClient _sessions = null!;
    private MemberService.MemberServiceClient _members = null!;
    private OrganizationService.OrganizationServiceClient _organizations = null!;
    private Metadata _bearer = null!;
    private GetMemberRequest _getMember = null!;
    private int _created;

    [Params("LiteDb", "PostgreSql")]
    public string Engine { get; set; } = "";

    /// <summary>
    /// Several callers at once, as a replica behind a load balancer serves them; 32 is issue 16's figure for writes.
    /// </summary>
    [Params(16, 32)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        var settings = Engine == "PostgreSql" ? await BenchmarkServer.PostgresSettingsAsync() : null;
        _server = await BenchmarkServer.StartAsync(existingDataDirectory: null, settings: settings);
        _sessions = new SessionService.SessionServiceClient(_server.Channel);
        _members = new MemberService.MemberServiceClient(_server.Channel);
        _organizations = new OrganizationService.OrganizationServiceClient(_server.Channel);
        _bearer = _server.Bearer;
        var me = await _sessions.WhoAmIAsync(new(), _bearer);
        var list = await _members.ListMembersAsync(new() { PageSize = 1 }, _bearer);
        _getMember = new GetMemberRequest { MemberId = list.Members.Single(m => m.Email == BenchmarkServer.Email).Id };
        if (string.IsNullOrEmpty(me.PersonId)) throw new InvalidOperationException("WhoAmI answered no person.");

        // Tiered compilation on two cores takes 10-15 s of calls (see SessionCallBenchmarks).
        for (var end = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < end;)
        {
            await CheckAccess();
            await GetMember();
        }
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _server.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task CheckAccess() =>
        Concurrently.Run(Calls, InFlight, async () => await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, _bearer));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task GetMember() =>
        Concurrently.Run(Calls, InFlight, async () => await _members.GetMemberAsync(_getMember, _bearer));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task CreateOrganization() =>
        Concurrently.Run(Calls, InFlight, async () =>
        {
            var number = Interlocked.Increment(ref _created);
            var request = new CreateOrganizationRequest { DisplayName = $"Bench {number}", AffiliateNumber = $"BENCH.{number}", Language = Language.De };
            request.TopicIds.Add("contributions");
            await _organizations.CreateOrganizationAsync(request, _bearer);
        });
}
