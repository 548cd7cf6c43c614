using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;
using Organization = Connect.V1.Organization;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>The organisation list: name order, search by name words or affiliate number, state filter, pages bound to their query.</summary>
public sealed class OrganizationListTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public OrganizationListTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    /// <summary>The setting that holds the layout version of the derived list keys (MemberKeys.VersionSetting).</summary>
    private const string KeysVersionSetting = "member-keys-version";

    private OrganizationService.OrganizationServiceClient Organizations => _desk.Organizations;

    private async Task<IReadOnlyList<string>> Names(string query = "", int pageSize = 0, params OrganizationState[] states)
    {
        var request = new ListOrganizationsRequest { Query = query, PageSize = pageSize };
        request.States.AddRange(states);
        var names = new List<string>();
        do
        {
            var page = await Organizations.ListOrganizationsAsync(request, await _desk.Operator());
            Assert.True(pageSize == 0 || page.Organizations.Count <= pageSize);
            names.AddRange(page.Organizations.Select(o => o.DisplayName));
            request.PageToken = page.NextPageToken;
        } while (request.PageToken != "");
        return names;
    }

    private async Task Register()
    {
        await _desk.Create("100.200", "Bäckerei Müller");
        await _desk.Create("100.210", "Müller-Bau AG");
        await _desk.Create("100.300", "Garage Rossi");
        await _desk.Create("CH-77/1", "Rossi & Figli SA");
        await _desk.Create("200.100", "Schöni Söhne");
        await _desk.Create("300.100", "3M Schweiz");
    }

    [Fact]
    public async Task List_IsInNameOrder_AndSearchesWordStartsAndAffiliateNumbers()
    {
        await Register();

        Assert.Equal(["3M Schweiz", "Bäckerei Müller", "Caisse de compensation", "Garage Rossi", "Müller-Bau AG", "Rossi & Figli SA", "Schöni Söhne"],
            await Names());
        // Each word starts a word of the name, any case, any accents.
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], await Names("MULL"));
        Assert.Equal(["Müller-Bau AG"], await Names("bau müller"));
        Assert.Equal(["Müller-Bau AG"], await Names("müller-bau"));
        Assert.Equal(["Schöni Söhne"], await Names("schoni sohne"));
        Assert.Empty(await Names("ller"));
        Assert.Empty(await Names("rossi bau"));
        Assert.Equal(["Garage Rossi", "Rossi & Figli SA"], await Names(" rossi "));
        // Or the start of an affiliate number.
        Assert.Equal(["Bäckerei Müller", "Garage Rossi", "Müller-Bau AG"], await Names("100."));
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], await Names("100.2"));
        Assert.Equal(["Müller-Bau AG"], await Names("100.210"));
        Assert.Equal(["Rossi & Figli SA"], await Names("ch-77/"));
        Assert.Equal(["Caisse de compensation"], await Names("fund"));
        // A digit word of a name is a name word too.
        Assert.Equal(["3M Schweiz"], await Names("3m"));
        Assert.Empty(await Names("&&"));
    }

    [Fact]
    public async Task List_PagesThroughASearch_AndFiltersByState()
    {
        await Register();
        var rossi = Assert.Single((await Organizations.ListOrganizationsAsync(new() { Query = "garage" }, await _desk.Operator())).Organizations);
        await Organizations.SuspendOrganizationAsync(new() { Id = rossi.Id, Reason = "Test" }, await _desk.Operator());

        Assert.Equal(["Bäckerei Müller", "Garage Rossi", "Müller-Bau AG"], await Names("100", pageSize: 1));
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], await Names("100", 1, OrganizationState.Active));
        Assert.Equal(["Garage Rossi"], await Names("", 2, OrganizationState.Suspended));
        Assert.Equal(7, (await Names("", 2, OrganizationState.Active, OrganizationState.Suspended)).Count);
        Assert.Equal(7, (await Names("", 3, OrganizationState.Unspecified)).Count);
    }

    [Fact]
    public async Task List_BadInput_FailsWithReasons()
    {
        await Register();
        var bearer = await _desk.Operator();
        var first = await Organizations.ListOrganizationsAsync(new() { Query = "rossi", PageSize = 1 }, bearer);
        Assert.NotEqual("", first.NextPageToken);

        // A page token only fits its own query and states.
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Organizations.ListOrganizationsAsync(new() { Query = "müller", PageSize = 1, PageToken = first.NextPageToken }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Organizations.ListOrganizationsAsync(new() { Query = "rossi", PageSize = 1, PageToken = first.NextPageToken, States = { OrganizationState.Active } }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID", Organizations.ListOrganizationsAsync(new() { PageToken = "garbage" }, bearer));
        var second = await Organizations.ListOrganizationsAsync(new() { Query = " ROSSI", PageSize = 1, PageToken = first.NextPageToken }, bearer);
        Assert.Equal("Rossi & Figli SA", Assert.Single(second.Organizations).DisplayName);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.ListOrganizationsAsync(new() { PageSize = 201 }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.ListOrganizationsAsync(new() { PageSize = -1 }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.ListOrganizationsAsync(new() { Query = new string('a', 101) }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.ListOrganizationsAsync(new() { Query = "a\tb" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.ListOrganizationsAsync(new() { States = { (OrganizationState)7 } }, bearer));
        Assert.Equal(7, (await Organizations.ListOrganizationsAsync(new() { PageSize = 200 }, bearer)).Organizations.Count);
    }

    [Fact]
    public async Task ListKeys_MissingOrOfAnOlderLayout_AreWrittenAtTheNextStart()
    {
        var data = ConnectServerFactory.NewDataDirectory();
        try
        {
            Organization renamed, unkeyed;
            string operatorToken;
            using (var first = new ConnectServerFactory(dataDirectory: data))
            {
                var desk = new OperatorDesk(first, first.CreateChannel());
                renamed = await desk.Create("500.001", "Alte Firma");
                unkeyed = await desk.Create("500.002", "Ohne Schlüssel");
                operatorToken = await desk.SignIn.OperatorToken();
                first.Store().Write(w =>
                {
                    // As a bulk load writes them: without a key; and a key of an older layout, with a version to match.
                    var without = w.Get<Connect.Grpc.Domain.Organization>(unkeyed.Id)!;
                    without.ListKey = null;
                    w.Update(without);
                    var stale = w.Get<Connect.Grpc.Domain.Organization>(renamed.Id)!;
                    stale.DisplayName = "Neue Firma";
                    w.Update(stale);
                    var version = w.Get<SystemSetting>(KeysVersionSetting)!;
                    version.Value = "3";
                    w.Update(version);
                    return 0;
                });
            }
            using var second = new ConnectServerFactory(dataDirectory: data);
            var again = new OperatorDesk(second, second.CreateChannel());
            // Sessions are stored: the operator's is still live on the restarted server.
            var bearer = RpcAssert.Bearer(operatorToken);
            var names = await again.Organizations.ListOrganizationsAsync(new(), bearer);
            Assert.Equal(["Caisse de compensation", "Neue Firma", "Ohne Schlüssel"], names.Organizations.Select(o => o.DisplayName));
            Assert.Equal(renamed.Id, Assert.Single((await again.Organizations.ListOrganizationsAsync(new() { Query = "neue" }, bearer)).Organizations).Id);
            Assert.Equal(unkeyed.Id, Assert.Single((await again.Organizations.ListOrganizationsAsync(new() { Query = "schlussel" }, bearer)).Organizations).Id);
            Assert.NotEqual("3", second.Store().Read(r => r.Get<SystemSetting>(KeysVersionSetting))!.Value);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
