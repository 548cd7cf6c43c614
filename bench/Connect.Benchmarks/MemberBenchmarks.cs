using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// User management's reads over real gRPC with the administrator's bearer session, on a realistic store:
/// 200,000 persons, 5,000 members in the session's organisation (the fund's), 50,000 memberships elsewhere and
/// 20,000 audit events of the organisation (<see cref="MemberData"/>). The member list is an indexed range in name
/// order, filtered by state and search words on the server, 50 rows a page.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's mean is per call as the client sees it. After its iterations, each case makes a sample of
/// single calls timed one by one, on the client and inside the server (around the gRPC endpoint), and prints
/// their mean, median, 95th and 99th percentiles (also appended to <c>$TMPDIR/connect-benchmarks/member-latencies.csv</c>).
/// </remarks>
public class MemberBenchmarks
{
    private const int PageSize = 50;
    private const int DeepRow = 4_000;
    private const int InFlight = 8;
    private const int InFlightCalls = 64;
    private const string ListPath = "/connect.v1.MemberService/ListMembers";

    private BenchmarkServer _server = null!;
    private MemberService.MemberServiceClient _members = null!;
    private Metadata _bearer = null!;
    private MemberDataInfo _data = null!;
    private ListMembersRequest _firstPage = null!;
    private ListMembersRequest _deepPage = null!;
    private ListMembersRequest _rareSearch = null!;
    private ListMembersRequest _commonSearch = null!;
    private ListMembersRequest _deactivated = null!;
    private GetMemberRequest _getMember = null!;
    private ListOrganizationAuditEventsRequest _auditFirstPage = null!;
    private string? _ran;

    [GlobalSetup]
    public async Task SetUp()
    {
        var (directory, data) = await MemberData.CopyAsync();
        _data = data;
        _server = await BenchmarkServer.StartAsync(directory);
        _members = new MemberService.MemberServiceClient(_server.Channel);
        _bearer = _server.Bearer;
        Console.WriteLine($"// MemberData: seeding took {data.SeedSeconds:F1} s, the restart with the key backfill {data.BackfillStartSeconds:F1} s"
            + (data.BackfillRestartPrinted.Length > 0 ? $"; that restart printed: {data.BackfillRestartPrinted}" : ""));
        if (_server.BootstrapText.Trim().Length > 0) Console.WriteLine($"// MemberData: this restart printed: {_server.BootstrapText.Trim()}");

        var me = await new SessionService.SessionServiceClient(_server.Channel).WhoAmIAsync(new(), _bearer);
        if (me.OrganizationId != data.FundOrganizationId || !me.Administrator)
            throw new InvalidOperationException("The session does not administer the organisation the members were seeded into.");

        // The keys must have been backfilled: every list is paged through once and checked against the seed.
        _firstPage = new ListMembersRequest { PageSize = PageSize };
        var all = await CheckListAsync(_firstPage, data.ListedMembers);
        _deepPage = new ListMembersRequest { PageSize = PageSize, PageToken = all.TokenAfter(DeepRow) };
        _deactivated = new ListMembersRequest { PageSize = PageSize, States = { MemberState.Deactivated } };
        await CheckListAsync(_deactivated, data.DeactivatedMembers);
        _rareSearch = new ListMembersRequest { PageSize = PageSize, Query = data.RareQuery };
        await CheckListAsync(_rareSearch, data.RareMatches);
        _commonSearch = new ListMembersRequest { PageSize = PageSize, Query = data.CommonQuery };
        await CheckListAsync(_commonSearch, data.CommonMatches);
        var deep = await _members.ListMembersAsync(_deepPage, _bearer);
        if (deep.Members.Count != PageSize || deep.Members[0].Id != all.Ids[DeepRow])
            throw new InvalidOperationException("The deep page does not start after the 4,000th member.");

        _getMember = new GetMemberRequest { MemberId = data.SampleMemberId };
        var member = (await _members.GetMemberAsync(_getMember, _bearer)).Member;
        if (member.State != MemberState.Active || member.Email.Length == 0) throw new InvalidOperationException("GetMember answered no active member.");

        _auditFirstPage = new ListOrganizationAuditEventsRequest { PageSize = PageSize };
        var events = await _members.ListOrganizationAuditEventsAsync(_auditFirstPage, _bearer);
        if (events.AuditEvents.Count != PageSize || events.NextPageToken.Length == 0
            || events.AuditEvents.Zip(events.AuditEvents.Skip(1)).Any(p => string.CompareOrdinal(p.First.Id, p.Second.Id) <= 0))
            throw new InvalidOperationException("The audit log's first page is not 50 events, newest first.");
        Console.WriteLine($"// MemberData: checked {data.ListedMembers} listed, {data.DeactivatedMembers} deactivated, "
            + $"{data.RareMatches} '{data.RareQuery}', {data.CommonMatches} '{data.CommonQuery}'");

        // Each case runs in a fresh process; on two cores the server takes 10-15 s of calls to reach optimised code
        // (see SessionCallBenchmarks). Every case here is warmed, so each process measures the same steady state.
        for (var end = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < end;)
        {
            await _members.ListMembersAsync(_firstPage, _bearer);
            await _members.ListMembersAsync(_deepPage, _bearer);
            await _members.ListMembersAsync(_rareSearch, _bearer);
            await _members.ListMembersAsync(_commonSearch, _bearer);
            await _members.ListMembersAsync(_deactivated, _bearer);
            await _members.GetMemberAsync(_getMember, _bearer);
            await _members.ListOrganizationAuditEventsAsync(_auditFirstPage, _bearer);
        }
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        if (_ran is not null) await SampleAsync(_ran);
        await _server.DisposeAsync();
    }

    /// <summary>The list as an administrator opens it: the first 50 members in name order.</summary>
    [Benchmark]
    public async Task ListFirstPage()
    {
        _ran = nameof(ListFirstPage);
        await _members.ListMembersAsync(_firstPage, _bearer);
    }

    /// <summary>The page after the 4,000th member, with the token of the page before.</summary>
    [Benchmark]
    public async Task ListDeepPage()
    {
        _ran = nameof(ListDeepPage);
        await _members.ListMembersAsync(_deepPage, _bearer);
    }

    /// <summary>A family name three members have: the whole organisation's range is read to find that there are no more.</summary>
    [Benchmark]
    public async Task SearchRare()
    {
        _ran = nameof(SearchRare);
        await _members.ListMembersAsync(_rareSearch, _bearer);
    }

    /// <summary>A given name a third of the members have.</summary>
    [Benchmark]
    public async Task SearchCommon()
    {
        _ran = nameof(SearchCommon);
        await _members.ListMembersAsync(_commonSearch, _bearer);
    }

    /// <summary>The deactivated members (300 of 5,000).</summary>
    [Benchmark]
    public async Task ListDeactivated()
    {
        _ran = nameof(ListDeactivated);
        await _members.ListMembersAsync(_deactivated, _bearer);
    }

    [Benchmark]
    public async Task GetMember()
    {
        _ran = nameof(GetMember);
        await _members.GetMemberAsync(_getMember, _bearer);
    }

    /// <summary>The newest 50 of the organisation's 20,000 audit events.</summary>
    [Benchmark]
    public async Task AuditFirstPage()
    {
        _ran = nameof(AuditFirstPage);
        await _members.ListOrganizationAuditEventsAsync(_auditFirstPage, _bearer);
    }

    /// <summary>The first page with 8 callers at once: what the server serves per second.</summary>
    [Benchmark(OperationsPerInvoke = InFlightCalls)]
    public Task ListFirstPage8InFlight()
    {
        _ran = nameof(ListFirstPage8InFlight);
        return Concurrently.Run(InFlightCalls, InFlight, async () => await _members.ListMembersAsync(_firstPage, _bearer));
    }

    private sealed record Listed(List<string> Ids, Dictionary<int, string> Tokens)
    {
        /// <summary>The token of the page that starts after row <paramref name="row"/>.</summary>
        public string TokenAfter(int row) => Tokens.TryGetValue(row, out var token)
            ? token
            : throw new InvalidOperationException($"No page starts after row {row}.");
    }

    /// <summary>Pages through a list: the expected count, name order, the filter honoured, no member twice.</summary>
    private async Task<Listed> CheckListAsync(ListMembersRequest first, int expected)
    {
        var ids = new List<string>();
        var tokens = new Dictionary<int, string>();
        var seen = new HashSet<string>();
        var words = MemberData.Words(first.Query);
        var states = first.States.Count > 0
            ? first.States.ToHashSet()
            : [MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active];
        string? previous = null;
        var request = first.Clone();
        while (true)
        {
            var page = await _members.ListMembersAsync(request, _bearer);
            if (page.Members.Count > PageSize || (page.Members.Count < PageSize && page.NextPageToken.Length > 0))
                throw new InvalidOperationException($"A page of '{first.Query}' had {page.Members.Count} members and a next page.");
            foreach (var member in page.Members)
            {
                var key = NameKey(member);
                if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
                    throw new InvalidOperationException($"The list is not in name order at {member.FamilyName}, {member.GivenName}.");
                if (!seen.Add(member.Id)) throw new InvalidOperationException($"{member.Id} was listed twice.");
                if (!states.Contains(member.State)) throw new InvalidOperationException($"{member.Id} is {member.State}.");
                var text = MemberData.Fold($"{member.GivenName} {member.FamilyName} {member.Email}");
                if (!words.All(text.Contains)) throw new InvalidOperationException($"{member.Id} does not match '{first.Query}'.");
                previous = key;
                ids.Add(member.Id);
            }
            if (page.NextPageToken.Length == 0) break;
            tokens[ids.Count] = page.NextPageToken;
            request = first.Clone();
            request.PageToken = page.NextPageToken;
        }
        if (ids.Count != expected)
            throw new InvalidOperationException($"The list '{first.Query}' [{string.Join(',', first.States)}] has {ids.Count} members, not {expected}.");
        return new Listed(ids, tokens);
    }

    /// <summary>The list's order: family name, then given name (letters a-z of the folded names, 64 wide), then id.</summary>
    private static string NameKey(Member member)
    {
        var name = MemberData.Letters(member.FamilyName) + "0" + MemberData.Letters(member.GivenName);
        return (name.Length >= 64 ? name[..64] : name.PadRight(64, '0')) + member.Id;
    }

    /// <summary>Single calls timed one by one, on the client and in the server, after BenchmarkDotNet's iterations.</summary>
    private async Task SampleAsync(string benchmark)
    {
        var (path, call, inFlight) = benchmark switch
        {
            nameof(ListFirstPage) => (ListPath, (Func<Task>)(async () => await _members.ListMembersAsync(_firstPage, _bearer)), 1),
            nameof(ListDeepPage) => (ListPath, async () => await _members.ListMembersAsync(_deepPage, _bearer), 1),
            nameof(SearchRare) => (ListPath, async () => await _members.ListMembersAsync(_rareSearch, _bearer), 1),
            nameof(SearchCommon) => (ListPath, async () => await _members.ListMembersAsync(_commonSearch, _bearer), 1),
            nameof(ListDeactivated) => (ListPath, async () => await _members.ListMembersAsync(_deactivated, _bearer), 1),
            nameof(GetMember) => ("/connect.v1.MemberService/GetMember", async () => await _members.GetMemberAsync(_getMember, _bearer), 1),
            nameof(AuditFirstPage) => ("/connect.v1.MemberService/ListOrganizationAuditEvents",
                async () => await _members.ListOrganizationAuditEventsAsync(_auditFirstPage, _bearer), 1),
            nameof(ListFirstPage8InFlight) => (ListPath, async () => await _members.ListMembersAsync(_firstPage, _bearer), InFlight),
            _ => throw new ArgumentOutOfRangeException(nameof(benchmark)),
        };
        const int maxCalls = 2_000;
        var client = new List<double>(maxCalls);
        var end = DateTime.UtcNow.AddSeconds(10);
        var left = maxCalls;
        _server.Timings.Clear();
        _server.Timings.Recording = true;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0 && DateTime.UtcNow < end)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (client) client.Add(elapsed);
            }
        }));
        wall.Stop();
        _server.Timings.Recording = false;
        var server = _server.Timings.Of(path);

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "";
        var line = string.Join(',', [
            DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), load, benchmark, inFlight.ToString(CultureInfo.InvariantCulture),
            client.Count.ToString(CultureInfo.InvariantCulture), (client.Count / wall.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture),
            .. Statistics(client), .. Statistics(server),
        ]);
        Console.WriteLine($"// MemberLatency {line}");
        Console.WriteLine("// MemberLatency columns: time,load1,case,in_flight,calls,calls_per_s,"
            + "client_mean,client_median,client_p95,client_p99,server_mean,server_median,server_p95,server_p99 (ms)");
        var file = Path.Combine(Path.GetTempPath(), "connect-benchmarks", "member-latencies.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (!File.Exists(file))
            File.WriteAllText(file, "time,load1,case,in_flight,calls,calls_per_s,client_mean_ms,client_median_ms,client_p95_ms,client_p99_ms,"
                + "server_mean_ms,server_median_ms,server_p95_ms,server_p99_ms\n");
        File.AppendAllText(file, line + "\n");
    }

    private static IEnumerable<string> Statistics(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return ["", "", "", ""];
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new[] { sorted.Average(), At(0.5), At(0.95), At(0.99) }.Select(v => v.ToString("F3", CultureInfo.InvariantCulture));
    }
}
