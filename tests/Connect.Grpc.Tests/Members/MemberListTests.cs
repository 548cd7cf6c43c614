using Connect.Grpc.Tests.Storage;
using Connect.V1;
using Grpc.Core;
using LiteDB;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>The member list, one member, and the topics an organisation may grant.</summary>
public sealed class MemberListTests(ClassServer shared) : IClassFixture<ClassServer>
{
    private readonly MemberDriver _driver = new(shared.Server, shared.Channel);

    private MemberService.MemberServiceClient Members => _driver.Members;

    [Fact]
    public async Task ListMembers_ShowsMaskedPhoneAdministratorFlagTopicsAndState()
    {
        var admin = await _driver.Admin("list-admin@muster.test", "+41795560101", "201.001", "Muster AG", Language.De, "contributions", "family-allowances");
        var pending = await _driver.Create(admin, MemberDriver.Request("pending@muster.test", "+41795560102", "Carla", "Zeller",
            administrator: true, topicIds: ["family-allowances"]));
        var verified = await _driver.Verified(admin, MemberDriver.Request("verified@muster.test", "+41795560103", "Berta", "Beispiel",
            topicIds: ["contributions", "family-allowances"]));

        var members = await _driver.List(admin);

        // Family name, then given name: Beispiel, Muster, Zeller.
        Assert.Equal(new[] { "verified@muster.test", "list-admin@muster.test", "pending@muster.test" }, members.Select(m => m.Email));

        var self = members[1];
        Assert.Equal(admin.PersonId, self.PersonId);
        Assert.Equal(("Anna", "Muster"), (self.GivenName, self.FamilyName));
        Assert.True(self.Administrator);
        Assert.Equal(MemberState.Active, self.State);
        Assert.Equal(new[] { "contributions", "family-allowances" }, self.TopicIds);
        AssertMasked("+41795560101", self.MaskedPhoneNumber);
        Assert.Equal("", self.MaskedPendingPhoneNumber);
        Assert.False(string.IsNullOrEmpty(self.Etag));

        var berta = members[0];
        Assert.Equal(verified.Id, berta.Id);
        Assert.False(berta.Administrator);
        Assert.Equal(MemberState.PendingActivation, berta.State);
        Assert.Equal(new[] { "contributions", "family-allowances" }, berta.TopicIds);
        AssertMasked("+41795560103", berta.MaskedPhoneNumber);
        Assert.Equal("", berta.MaskedPendingPhoneNumber);

        var carla = members[2];
        Assert.Equal(pending.Response.Member.Id, carla.Id);
        Assert.True(carla.Administrator);
        Assert.Equal(MemberState.PendingPhone, carla.State);
        Assert.Equal(new[] { "family-allowances" }, carla.TopicIds);
        Assert.Equal("", carla.MaskedPhoneNumber);
        AssertMasked("+41795560102", carla.MaskedPendingPhoneNumber);
        Assert.Equal(Language.De, carla.Language);

        // No field of any member carries the whole number.
        foreach (var member in members) Assert.DoesNotContain("79556", member.ToString());
    }

    [Fact]
    public async Task GetMember_ReturnsTheMemberAsListed()
    {
        var admin = await _driver.Admin("get-admin@muster.test", "+41795560111", "201.002");
        var created = await _driver.Verified(admin, MemberDriver.Request("get@muster.test", "+41795560112", topicIds: ["contributions"]));

        var member = await _driver.Get(admin, created.Id);

        Assert.Equal(created, member);
        Assert.Equal(member, Assert.Single(await _driver.List(admin), m => m.Id == created.Id));
        Assert.Equal("get@muster.test", member.Email);
        Assert.Equal(("Berta", "Beispiel"), (member.GivenName, member.FamilyName));
        Assert.NotNull(member.CreateTime);
        Assert.NotNull(member.UpdateTime);
    }

    [Theory]
    [InlineData(1, "müller")]
    [InlineData(2, "Muller")]
    [InlineData(3, "MÜLLER")]
    [InlineData(4, "  muller  ")]
    public async Task ListMembers_SearchesNames_WithoutRegardToCaseAndAccents(int organization, string query)
    {
        var domain = $"muster{organization}.test";
        var admin = await _driver.Admin($"search-admin@{domain}", "+41795560121", $"201.10{organization}");
        var juerg = await _driver.Create(admin, MemberDriver.Request($"j.mueller@{domain}", "+41795560122", "Jürg", "Müller"));
        var hans = await _driver.Create(admin, MemberDriver.Request($"hans@{domain}", "+41795560123", "Hans", "Muller"));
        await _driver.Create(admin, MemberDriver.Request($"zoe@{domain}", "+41795560124", "Zoé", "Meier"));

        var found = (await Members.ListMembersAsync(new() { Query = query }, MemberDriver.As(admin))).Members;

        Assert.Equal(new[] { hans.Response.Member.Id, juerg.Response.Member.Id }.Order(), found.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task ListMembers_SearchesEMailAndEveryWord()
    {
        var admin = await _driver.Admin("search2-admin@muster.test", "+41795560131", "201.004");
        var juerg = await _driver.Create(admin, MemberDriver.Request("j.mueller@muster.test", "+41795560132", "Jürg", "Müller"));
        var hans = await _driver.Create(admin, MemberDriver.Request("hans@muster.test", "+41795560133", "Hans", "Muller"));
        var zoe = await _driver.Create(admin, MemberDriver.Request("zoe.meier@beispiel.test", "+41795560134", "Zoé", "Meier"));

        async Task<IEnumerable<string>> Search(string query) =>
            (await Members.ListMembersAsync(new() { Query = query }, MemberDriver.As(admin))).Members.Select(m => m.Id);

        Assert.Equal(new[] { juerg.Response.Member.Id }, await Search("J.MUELLER@"));
        Assert.Equal(new[] { zoe.Response.Member.Id }, await Search("beispiel.test"));
        Assert.Equal(new[] { zoe.Response.Member.Id }, await Search("zoe"));
        Assert.Equal(new[] { hans.Response.Member.Id }, await Search("hans muller"));
        Assert.Equal(new[] { hans.Response.Member.Id }, await Search("MULLER hans"));
        Assert.Empty(await Search("hans meier"));
        Assert.Empty(await Search("nobody"));
        Assert.Equal(4, (await Search("")).Count());
    }

    [Fact]
    public async Task ListMembers_FiltersByState()
    {
        var admin = await _driver.Admin("state-admin@muster.test", "+41795560141", "201.005");
        var pendingPhone = await _driver.Create(admin, MemberDriver.Request("phone@muster.test", "+41795560142", "Paul", "Phone"));
        var pendingActivation = await _driver.Verified(admin, MemberDriver.Request("activation@muster.test", "+41795560143", "Petra", "Activation"));

        async Task<IEnumerable<string>> Listed(params MemberState[] states) => (await _driver.List(admin, states)).Select(m => m.Id);

        Assert.Equal(new[] { pendingPhone.Response.Member.Id }, await Listed(MemberState.PendingPhone));
        Assert.Equal(new[] { pendingActivation.Id }, await Listed(MemberState.PendingActivation));
        var adminMember = Assert.Single((await _driver.List(admin, MemberState.Active)));
        Assert.Equal(admin.PersonId, adminMember.PersonId);
        Assert.Equal(new[] { pendingActivation.Id, pendingPhone.Response.Member.Id }.Order(),
            (await Listed(MemberState.PendingPhone, MemberState.PendingActivation)).Order());
        Assert.Empty(await Listed(MemberState.Deactivated));
        Assert.Equal(3, (await Listed()).Count());
    }

    [Fact]
    public async Task ListMembers_DeactivatedAskedForWithOthers_FollowTheOthers_PageByPage()
    {
        var admin = await _driver.Admin("zz-admin@muster.test", "+41795560231", "201.023");
        var aaron = await _driver.Active(admin, MemberDriver.Request("aaron@muster.test", "+41795560232", "Aaron", "Aebi"));
        var zora = await _driver.Active(admin, MemberDriver.Request("zora@muster.test", "+41795560233", "Zora", "Zürcher"));
        await Members.DeactivateMemberAsync(new() { MemberId = aaron.Id }, MemberDriver.As(admin));

        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await Members.ListMembersAsync(new() { PageSize = 1, PageToken = token, States = { MemberState.Active, MemberState.Deactivated } },
                MemberDriver.As(admin));
            ids.AddRange(page.Members.Select(m => m.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        // By name the deactivated Aebi would come first; deactivated members follow the others.
        var adminId = (await _driver.List(admin, MemberState.Active)).Single(m => m.PersonId == admin.PersonId).Id;
        Assert.Equal(new[] { adminId, zora.Id, aaron.Id }, ids);
        Assert.Equal(new[] { aaron.Id }, (await _driver.List(admin, MemberState.Deactivated)).Select(m => m.Id));
    }

    [Fact]
    public async Task ListKeys_OfAnOlderLayoutOrMissing_AreWrittenAgainAtStart()
    {
        var directory = ConnectServerFactory.NewDataDirectory();
        try
        {
            string organizationId;
            using (var first = new ConnectServerFactory(dataDirectory: directory))
            {
                var driver = new MemberDriver(first, first.CreateChannel());
                var admin = await driver.Admin("keys-admin@muster.test", "+41795560241", "201.024");
                organizationId = admin.OrganizationId;
                await driver.Create(admin, MemberDriver.Request("keys@muster.test", "+41795560242", "Karl", "Keller"));
            }
            // As data written before the keys existed, and by a layout older than the current one.
            StoreFile.Edit(directory, db =>
            {
                db.Change("memberships", membership =>
                {
                    if (membership["OrganizationId"].AsString != organizationId) return false;
                    membership["ListKey"] = membership["ListKey"].AsString.Length % 2 == 0 ? BsonValue.Null : "an older layout";
                    return true;
                });
                db.KeysVersion("1");
            });
            using var second = new ConnectServerFactory(dataDirectory: directory);
            var keys = second.Stored<Domain.Membership>().Where(m => m.OrganizationId == organizationId).ToList();
            Assert.Equal(2, keys.Count);
            Assert.All(keys, m => Assert.StartsWith(organizationId + "a", m.ListKey, StringComparison.Ordinal));
            Assert.Contains(keys, m => m.ListKey.EndsWith("karl keller keys@muster.test", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ListMembers_StatesWithUnspecified_ListsEveryStateButDeactivated()
    {
        // member.proto: MEMBER_STATE_UNSPECIFIED = "Not set; in a list filter, every state but deactivated."
        var admin = await _driver.Admin("unspecified-admin@muster.test", "+41795560221", "201.013");
        await _driver.Create(admin, MemberDriver.Request("unspecified@muster.test", "+41795560222"));
        var expected = await _driver.List(admin);

        var listed = await _driver.List(admin, MemberState.Unspecified);

        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task ListMembers_PagesOfTwo_FollowTheTokensUntilTheLastPage()
    {
        var admin = await _driver.Admin("page-admin@muster.test", "+41795560151", "201.006");
        string[] families = ["Egli", "Bühler", "Fischer", "Candinas", "Dubois"];
        for (var i = 0; i < families.Length; i++)
            await _driver.Create(admin, MemberDriver.Request($"page{i}@muster.test", $"+4179556016{i}", "Vreni", families[i]));

        var pages = new List<IReadOnlyList<Member>>();
        var token = "";
        do
        {
            var page = await Members.ListMembersAsync(new() { PageSize = 2, PageToken = token }, MemberDriver.As(admin));
            pages.Add(page.Members);
            token = page.NextPageToken;
            Assert.True(pages.Count <= 10, "The pages never end.");
        }
        while (token.Length > 0);

        Assert.Equal(new[] { 2, 2, 2 }, pages.Select(p => p.Count));
        Assert.Equal(new[] { "Bühler", "Candinas", "Dubois", "Egli", "Fischer", "Muster" }, pages.SelectMany(p => p).Select(m => m.FamilyName));
        Assert.Equal(6, pages.SelectMany(p => p).Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task ListMembers_LastPageExactlyFull_HasNoToken()
    {
        var admin = await _driver.Admin("exact-admin@muster.test", "+41795560171", "201.007");
        await _driver.Create(admin, MemberDriver.Request("exact@muster.test", "+41795560172", "Otto", "Beispiel"));

        var first = await Members.ListMembersAsync(new() { PageSize = 2 }, MemberDriver.As(admin));

        Assert.Equal(2, first.Members.Count);
        Assert.Equal("", first.NextPageToken);
    }

    [Fact]
    public async Task ListMembers_PagesOfASearch_KeepTheSearch()
    {
        var admin = await _driver.Admin("page-search-admin@muster.test", "+41795560181", "201.008");
        for (var i = 0; i < 3; i++)
            await _driver.Create(admin, MemberDriver.Request($"schmid{i}@muster.test", $"+4179556018{i + 2}", $"Urs{(char)('a' + i)}", "Schmid"));
        await _driver.Create(admin, MemberDriver.Request("other@muster.test", "+41795560189", "Urs", "Anders"));

        var first = await Members.ListMembersAsync(new() { PageSize = 2, Query = "schmid" }, MemberDriver.As(admin));
        var second = await Members.ListMembersAsync(new() { PageSize = 2, Query = "schmid", PageToken = first.NextPageToken }, MemberDriver.As(admin));

        Assert.Equal(new[] { "Ursa", "Ursb" }, first.Members.Select(m => m.GivenName));
        Assert.Equal(new[] { "Ursc" }, second.Members.Select(m => m.GivenName));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task ListMembers_TokenOfAnotherQuery_FailsWithPageTokenInvalid()
    {
        var admin = await _driver.Admin("token-admin@muster.test", "+41795560191", "201.009");
        for (var i = 0; i < 3; i++)
            await _driver.Create(admin, MemberDriver.Request($"token{i}@muster.test", $"+4179556019{i + 2}", "Rita", $"Token{(char)('a' + i)}"));
        var first = await Members.ListMembersAsync(new() { PageSize = 2 }, MemberDriver.As(admin));
        Assert.NotEqual("", first.NextPageToken);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListMembersAsync(new() { PageSize = 2, PageToken = first.NextPageToken, Query = "rita" }, MemberDriver.As(admin)));
        var withStates = new ListMembersRequest { PageSize = 2, PageToken = first.NextPageToken };
        withStates.States.Add(MemberState.PendingPhone);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID", Members.ListMembersAsync(withStates, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListMembersAsync(new() { PageSize = 2, PageToken = "not-a-token" }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListMembersAsync(new() { PageSize = 2, PageToken = first.NextPageToken[..^2] }, MemberDriver.As(admin)));

        // The same query with another page size keeps its place.
        var second = await Members.ListMembersAsync(new() { PageSize = 5, PageToken = first.NextPageToken }, MemberDriver.As(admin));
        Assert.Equal(2, second.Members.Count);
    }

    [Fact]
    public async Task ListMembers_TokenOfAnotherOrganization_FailsWithPageTokenInvalid()
    {
        var admin = await _driver.Admin("token-a@muster.test", "+41795560201", "201.010", "Erste AG");
        var other = await _driver.Admin("token-b@muster.test", "+41795560202", "201.011", "Zweite AG");
        for (var i = 0; i < 2; i++)
            await _driver.Create(admin, MemberDriver.Request($"orgtoken{i}@muster.test", $"+4179556020{i + 3}", "Rita", $"Token{(char)('a' + i)}"));
        var first = await Members.ListMembersAsync(new() { PageSize = 1 }, MemberDriver.As(admin));

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListMembersAsync(new() { PageSize = 1, PageToken = first.NextPageToken }, MemberDriver.As(other)));
    }

    [Fact]
    public async Task ListGrantableTopics_ListsTheOrganizationsTopicsById()
    {
        var admin = await _driver.Admin("topics-admin@muster.test", "+41795560211", "201.012", "Muster AG", Language.De,
            "salary-declarations", "contributions", "family-allowances");

        var topics = (await Members.ListGrantableTopicsAsync(new(), MemberDriver.As(admin))).Topics;

        Assert.Equal(new[] { "contributions", "family-allowances", "salary-declarations" }, topics.Select(t => t.Id));
        Assert.Equal("Beiträge", topics[0].DisplayName.De);
        Assert.Equal("Cotisations", topics[0].DisplayName.Fr);
    }

    private static void AssertMasked(string e164, string masked)
    {
        Assert.EndsWith(e164[^2..], masked);
        Assert.DoesNotContain(e164[..^2][^3..], masked);
        Assert.Equal(2, masked.Count(char.IsAsciiDigit));
    }
}
