using System.Text;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Audit;

/// <summary>
/// The audit log searched by organisation, person, action and time range, alone and combined, a page at a time; each
/// answer compared with the whole log filtered without the indexes. Run with the default read budget and with a tiny one.
/// </summary>
public abstract class AuditSearchTestsBase : IAsyncLifetime
{
    private readonly ConnectServerFactory _server;

    protected AuditSearchTestsBase(IDictionary<string, string?>? settings) => _server = new ConnectServerFactory(settings: settings);

    protected AuditHistory History { get; private set; } = default!;

    private AuditService.AuditServiceClient Audit => History.Driver.Audit;

    public async Task InitializeAsync() => History = await AuditHistory.Write(_server);

    public Task DisposeAsync()
    {
        _server.Dispose();
        return Task.CompletedTask;
    }

    private IEnumerable<(string Name, AuditEventFilter Filter)> Filters(string operatorId)
    {
        var (alpha, beta, berta, middle) = (History.Alpha, History.Beta, History.Berta, History.Middle);
        yield return ("everything", new());
        yield return ("alpha", new() { OrganizationId = alpha.OrganizationId });
        yield return ("beta", new() { OrganizationId = beta.OrganizationId });
        yield return ("berta", new() { PersonId = berta.PersonId });
        yield return ("carl", new() { PersonId = History.CarlPersonId });
        yield return ("operator", new() { PersonId = operatorId });
        yield return ("created", new() { Action = "membership.created" });
        yield return ("membership family", new() { Action = "membership.*" });
        yield return ("reset", new() { Action = "person.second_factor_reset" });
        yield return ("no such family", new() { Action = "member.*" });
        yield return ("since the middle", new() { StartTime = AuditHistory.At(middle) });
        yield return ("before the middle", new() { EndTime = AuditHistory.At(middle) });
        yield return ("a minute and a half", new() { StartTime = AuditHistory.At(middle), EndTime = AuditHistory.At(middle.AddSeconds(90)) });
        yield return ("alpha's memberships", new() { OrganizationId = alpha.OrganizationId, Action = "membership.*" });
        yield return ("berta's sessions", new() { PersonId = berta.PersonId, Action = "session.*" });
        yield return ("berta at alpha lately", new() { OrganizationId = alpha.OrganizationId, PersonId = berta.PersonId, StartTime = AuditHistory.At(middle) });
        yield return ("berta at beta", new() { OrganizationId = beta.OrganizationId, PersonId = berta.PersonId });
        yield return ("all four", new()
        {
            OrganizationId = alpha.OrganizationId, PersonId = berta.PersonId, Action = "membership.*",
            StartTime = AuditHistory.At(middle.AddMinutes(-5)), EndTime = AuditHistory.At(middle.AddMinutes(5)),
        });
    }

    [Fact]
    public async Task SearchAuditEvents_ByEachFilterAndCombined_FindsExactlyWhatTheLogHolds_NewestFirst()
    {
        var operatorId = await History.Driver.OperatorId();
        foreach (var (name, filter) in Filters(operatorId))
        {
            var expected = History.Expected(filter).Select(e => e.Id).ToList();
            var found = await History.Driver.AllEvents(filter, pageSize: 7);
            Assert.True(expected.SequenceEqual(found.Select(e => e.Id)),
                $"{name}: expected {expected.Count} events, found {found.Count}");
        }
        Assert.NotEmpty(History.Expected(new() { PersonId = History.Berta.PersonId, Action = "session.*" }));
        Assert.Single(History.Expected(new() { Action = "person.second_factor_reset" }));
        Assert.NotEmpty(History.Expected(Filters(operatorId).Last().Filter));
    }

    [Fact]
    public async Task SearchAuditEvents_ShowsEveryFieldAndTheActorsName()
    {
        var events = await History.Driver.AllEvents(new() { PersonId = History.Berta.PersonId });

        var created = Assert.Single(events, e => e.Action == "membership.created");
        Assert.Equal((History.Alpha.PersonId, "Anna Muster", History.Alpha.OrganizationId, "membership", History.Berta.Id),
            (created.ActorPersonId, created.ActorName, created.OrganizationId, created.TargetType, created.TargetId));
        Assert.Equal("berta@audit.test", created.Details["email"]);
        Assert.NotEmpty(created.ClientAddress);
        Assert.Equal(History.Expected(new() { PersonId = History.Berta.PersonId }).Single(e => e.Id == created.Id).Time, created.Time.ToDateTime());
        var signIn = Assert.Single(events, e => e.Action == "session.created");
        Assert.Equal((History.Berta.PersonId, "Berta Beispiel"), (signIn.ActorPersonId, signIn.ActorName));
        var reset = Assert.Single(events, e => e.Action == "person.second_factor_reset");
        Assert.Equal(await History.Driver.OperatorId(), reset.ActorPersonId);
        Assert.Equal("lost phone", reset.Details["reason"]);
        var bootstrap = Assert.Single(await History.Driver.AllEvents(new() { Action = "topic.created" }), e => e.TargetId == "contributions");
        Assert.Equal(("", ""), (bootstrap.ActorPersonId, bootstrap.ActorName));
    }

    [Fact]
    public async Task SearchAuditEvents_PageTokens_FitOnlyTheirFilter()
    {
        var operatorToken = await History.Driver.Operator();
        var alpha = new AuditEventFilter { OrganizationId = History.Alpha.OrganizationId };
        var first = await Audit.SearchAuditEventsAsync(new() { Filter = alpha, PageSize = 2 }, operatorToken);
        Assert.Equal(2, first.AuditEvents.Count);
        Assert.NotEmpty(first.NextPageToken);

        foreach (var other in new AuditEventFilter[]
        {
            new(), new() { OrganizationId = History.Beta.OrganizationId }, new() { OrganizationId = History.Alpha.OrganizationId, Action = "membership.*" },
            new() { OrganizationId = History.Alpha.OrganizationId, StartTime = AuditHistory.At(History.Middle) },
        })
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
                Audit.SearchAuditEventsAsync(new() { Filter = other, PageSize = 2, PageToken = first.NextPageToken }, operatorToken));
        }
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Audit.SearchAuditEventsAsync(new() { Filter = alpha, PageToken = "not a token" }, operatorToken));
        // A token of this filter whose position was tampered with.
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(first.NextPageToken)));
        var tampered = Convert.ToBase64String(Encoding.UTF8.GetBytes(text[..(text.IndexOf(':') + 1)] + "0000000000000000000'; drop table"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Audit.SearchAuditEventsAsync(new() { Filter = alpha, PageToken = tampered }, operatorToken));

        var second = await Audit.SearchAuditEventsAsync(new() { Filter = alpha, PageSize = 2, PageToken = first.NextPageToken }, operatorToken);
        Assert.Equal(History.Expected(alpha).Skip(2).Take(2).Select(e => e.Id), second.AuditEvents.Select(e => e.Id));
    }

    [Fact]
    public async Task SearchAuditEvents_WithBadInput_Fails_WithItsReason()
    {
        var operatorToken = await History.Driver.Operator();
        var middle = AuditHistory.At(History.Middle);
        Task<SearchAuditEventsResponse> Search(AuditEventFilter filter, int pageSize = 0) =>
            Audit.SearchAuditEventsAsync(new() { Filter = filter, PageSize = pageSize }, operatorToken).ResponseAsync;

        await RpcAssert.Fails(StatusCode.InvalidArgument, "TIME_RANGE_INVALID",
            () => Search(new() { StartTime = middle, EndTime = AuditHistory.At(History.Middle.AddSeconds(-1)) }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TIME_RANGE_INVALID", () => Search(new() { StartTime = middle, EndTime = middle }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => Search(new(), 501));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => Search(new(), -1));
        foreach (var action in new[] { "Membership.Created", "membership.", "*", ".*", "membership.*.created", "membership created", new string('a', 101) })
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => Search(new() { Action = action }));
        foreach (var id in new[] { "not-an-id", new string('A', 32), new string('a', 33) })
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => Search(new() { OrganizationId = id }));
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => Search(new() { PersonId = id }));
        }
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            () => Search(new() { StartTime = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1, Nanos = -5 } }));

        Assert.InRange((await Search(new(), 500)).AuditEvents.Count, 1, 500);
        // 50 when 0 (fewer when the read budget ends the page first).
        Assert.InRange((await Search(new())).AuditEvents.Count, 1, 50);
        Assert.Empty((await Search(new() { OrganizationId = new string('a', 32) })).AuditEvents);
    }

    private static string Pad(string token)
    {
        var text = token.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - text.Length % 4) % 4);
    }
}

public sealed class AuditSearchTests() : AuditSearchTestsBase(null)
{
    [Fact]
    public async Task SearchAuditEvents_WithoutAPageSize_Answers50()
    {
        var page = await History.Driver.Audit.SearchAuditEventsAsync(new() { Filter = new() }, await History.Driver.Operator());
        Assert.Equal(History.Expected(new()).Take(50).Select(e => e.Id), page.AuditEvents.Select(e => e.Id));
        Assert.NotEmpty(page.NextPageToken);
    }
}

/// <summary>With 3 index entries read per call at most: the pages are short, the tokens carry on, and the answers stay exact.</summary>
public sealed class AuditSearchBoundedReadTests() : AuditSearchTestsBase(new Dictionary<string, string?> { ["Connect:Audit:MaxReadPerPage"] = "3" })
{
    [Fact]
    public async Task SearchAuditEvents_ForARareAction_AnswersShortPagesWithATokenInsteadOfReadingOn()
    {
        var operatorToken = await History.Driver.Operator();
        var filter = new AuditEventFilter { Action = "person.second_factor_reset" };
        var pages = new List<int>();
        var token = "";
        do
        {
            var page = await History.Driver.Audit.SearchAuditEventsAsync(new() { Filter = filter, PageSize = 50, PageToken = token }, operatorToken);
            pages.Add(page.AuditEvents.Count);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(1, pages.Sum());
        Assert.True(pages.Count > 3, $"{pages.Count} pages");
        Assert.Contains(0, pages);
    }
}
