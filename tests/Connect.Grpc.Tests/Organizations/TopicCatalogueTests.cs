using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>The topic catalogue: list, add, rename, retire; a retired topic disappears from grants but stays in history.</summary>
public sealed class TopicCatalogueTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public TopicCatalogueTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private OrganizationService.OrganizationServiceClient Organizations => _desk.Organizations;

    private static LocalizedText Names(string en) => new() { Fr = en + " (fr)", De = en + " (de)", It = en + " (it)", En = en };

    private async Task<Topic> Create(string id, string en = "Pensions") =>
        (await Organizations.CreateTopicAsync(new() { TopicId = id, DisplayName = Names(en) }, await _desk.Operator())).Topic;

    private async Task<IReadOnlyList<string>> Ids(bool showRetired = false) =>
        (await Organizations.ListTopicsAsync(new() { ShowRetired = showRetired }, await _desk.Operator())).Topics.Select(t => t.Id).ToList();

    [Fact]
    public async Task Catalogue_StartsWithTheFourTopics_AndTakesNewOnes_RenamedInEachLanguage()
    {
        var first = (await Organizations.ListTopicsAsync(new(), await _desk.Operator())).Topics;
        Assert.Equal(["contributions", "family-allowances", "loss-of-earnings", "salary-declarations"], first.Select(t => t.Id));
        Assert.Equal("Cotisations", first[0].DisplayName.Fr);

        var created = await Create("occupational-pensions-2");
        Assert.Equal("occupational-pensions-2", created.Id);
        Assert.Equal(Names("Pensions"), created.DisplayName);
        Assert.False(created.Retired);
        Assert.Contains("occupational-pensions-2", await Ids());
        Assert.Equal("Pensions", Assert.Single(_desk.Events("topic.created"), e => e.TargetId == created.Id).Details["name_en"]);

        var renamed = (await Organizations.UpdateTopicAsync(new()
        {
            Id = created.Id, DisplayName = new() { Fr = " Prévoyance ", De = "Vorsorge", It = "Previdenza", En = "Pensions" },
        }, await _desk.Operator())).Topic;
        Assert.Equal(("Prévoyance", "Vorsorge", "Previdenza", "Pensions"), (renamed.DisplayName.Fr, renamed.DisplayName.De, renamed.DisplayName.It, renamed.DisplayName.En));
        var details = Assert.Single(_desk.Events("topic.renamed")).Details;
        Assert.Equal("Pensions (fr) → Prévoyance", details["name_fr"]);
        Assert.False(details.ContainsKey("name_en"));
        Assert.Equal(renamed, (await Organizations.ListTopicsAsync(new(), await _desk.Operator())).Topics.Single(t => t.Id == created.Id));
    }

    [Fact]
    public async Task CreateTopic_BadInput_FailsWithReasons_AndAddsNothing()
    {
        var bearer = await _desk.Operator();
        foreach (var id in new[] { "", "a", "1abc", "-abc", "abc-", "ab--cd", "Abc", "ab_cd", "ab cd", "äbc", new string('a', 65) })
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
                Organizations.CreateTopicAsync(new() { TopicId = id, DisplayName = Names("X") }, bearer));
            Assert.Equal("topic_id", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        }
        var noName = Names("X");
        noName.It = " ";
        var missing = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.CreateTopicAsync(new() { TopicId = "new-topic", DisplayName = noName }, bearer));
        Assert.Equal("display_name.it", missing.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.CreateTopicAsync(new() { TopicId = "new-topic" }, bearer));
        var tooLong = Names("X");
        tooLong.De = new string('x', 101);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.CreateTopicAsync(new() { TopicId = "new-topic", DisplayName = tooLong }, bearer));

        await RpcAssert.Fails(StatusCode.AlreadyExists, "TOPIC_EXISTS",
            Organizations.CreateTopicAsync(new() { TopicId = "contributions", DisplayName = Names("X") }, bearer));
        await Create("ab");
        await Organizations.RetireTopicAsync(new() { Id = "ab" }, bearer);
        await RpcAssert.Fails(StatusCode.AlreadyExists, "TOPIC_EXISTS", Organizations.CreateTopicAsync(new() { TopicId = "ab", DisplayName = Names("X") }, bearer));

        Assert.Equal(5, (await Ids(showRetired: true)).Count);
        Assert.Single(_desk.Events("topic.created"), e => e.TargetId == "ab");
        Assert.Equal("Cotisations", (await Organizations.ListTopicsAsync(new(), bearer)).Topics[0].DisplayName.Fr);
    }

    [Fact]
    public async Task UpdateAndRetire_UnknownOrRetiredTopics_FailWithReasons()
    {
        var bearer = await _desk.Operator();
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Organizations.UpdateTopicAsync(new() { Id = "astrology", DisplayName = Names("X") }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Organizations.RetireTopicAsync(new() { Id = "astrology" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Organizations.RetireTopicAsync(new() { Id = new string('a', 200) }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.RetireTopicAsync(new(), bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.UpdateTopicAsync(new() { Id = "contributions", DisplayName = new() { Fr = "Cotisations" } }, bearer));

        var retired = (await Organizations.RetireTopicAsync(new() { Id = "loss-of-earnings" }, bearer)).Topic;
        Assert.True(retired.Retired);
        Assert.NotNull(retired.RetireTime);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED", Organizations.RetireTopicAsync(new() { Id = "loss-of-earnings" }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED",
            Organizations.UpdateTopicAsync(new() { Id = "loss-of-earnings", DisplayName = Names("X") }, bearer));

        Assert.DoesNotContain("loss-of-earnings", await Ids());
        var all = (await Organizations.ListTopicsAsync(new() { ShowRetired = true }, bearer)).Topics;
        Assert.Equal(retired, all.Single(t => t.Id == "loss-of-earnings"));
        Assert.Equal("Loss of earnings", retired.DisplayName.En);
        Assert.Single(_desk.Events("topic.retired"));
        Assert.Empty(_desk.Events("topic.renamed"));
    }

    [Fact]
    public async Task ARetiredTopic_IsNoLongerChecked_GrantedGivenOrShown_ButStaysInHistory()
    {
        await Create("pensions");
        var admin = await _desk.Members.Admin("chef@topics.test", "+41795570001", "600.001", "Muster AG", Language.De, "contributions", "pensions");
        var bearer = MemberDriver.As(admin);
        var member = await _desk.Members.Verified(admin, MemberDriver.Request("berta@topics.test", "+41795570002", topicIds: ["pensions", "contributions"]));
        var other = await _desk.Members.Verified(admin, MemberDriver.Request("dora@topics.test", "+41795570004", topicIds: ["contributions"]));
        var plain = await _desk.Create("600.003", "Plain AG", null, "contributions");
        Assert.True((await _desk.SignIn.Sessions.CheckAccessAsync(new() { TopicId = "pensions" }, bearer)).Allowed);

        await Organizations.RetireTopicAsync(new() { Id = "pensions" }, await _desk.Operator());

        // Apps are refused at once, on the session already open.
        Assert.False((await _desk.SignIn.Sessions.CheckAccessAsync(new() { TopicId = "pensions" }, bearer)).Allowed);
        Assert.True((await _desk.SignIn.Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, bearer)).Allowed);
        Assert.Equal(["contributions"], (await _desk.SignIn.Sessions.WhoAmIAsync(new(), bearer)).TopicIds);
        // Lists of grants no longer show it.
        Assert.Equal(["contributions"], (await _desk.Members.Members.GetMemberAsync(new() { MemberId = member.Id }, bearer)).Member.TopicIds);
        Assert.Equal(["contributions"], (await _desk.Members.Members.ListGrantableTopicsAsync(new(), bearer)).Topics.Select(t => t.Id));
        var organization = await _desk.Get(admin.OrganizationId);
        Assert.Equal(["contributions"], organization.TopicIds);

        // It can no longer be granted or given.
        var grant = (await _desk.Members.Members.GetMemberAsync(new() { MemberId = other.Id }, bearer)).Member;
        grant.TopicIds.Add("pensions");
        var refused = await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED", _desk.Members.Members.UpdateMemberAsync(new() { Member = grant }, bearer));
        Assert.Contains("pensions", refused.Message);
        var give = plain.Clone();
        give.TopicIds.Add("pensions");
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED",
            Organizations.UpdateOrganizationAsync(new() { Organization = give }, await _desk.Operator()));
        var create = new CreateOrganizationRequest { DisplayName = "Neu AG", AffiliateNumber = "600.002", TopicIds = { "pensions" } };
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED", Organizations.CreateOrganizationAsync(create, await _desk.Operator()));
        var newMember = MemberDriver.Request("carla@topics.test", "+41795570003", topicIds: ["pensions"]);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOPIC_RETIRED", _desk.Members.Members.CreateMemberAsync(newMember, bearer));

        // Changes that leave it alone keep it in storage: it is history, not a choice the caller could send back.
        var lessTopics = (await _desk.Members.Members.GetMemberAsync(new() { MemberId = member.Id }, bearer)).Member;
        lessTopics.TopicIds.Clear();
        var updated = (await _desk.Members.Members.UpdateMemberAsync(new() { Member = lessTopics, UpdateMask = new FieldMask { Paths = { "topic_ids" } } }, bearer)).Member;
        Assert.Empty(updated.TopicIds);
        var renamed = organization.Clone();
        renamed.DisplayName = "Muster Holding AG";
        await Organizations.UpdateOrganizationAsync(new() { Organization = renamed }, await _desk.Operator());
        _server.Store().Read(r =>
        {
            Assert.Equal(["pensions"], r.Get<Connect.Grpc.Domain.Membership>(member.Id)!.TopicIds);
            Assert.Equal(["contributions", "pensions"], r.Get<Connect.Grpc.Domain.Organization>(admin.OrganizationId)!.TopicIds);
            return 0;
        });
        Assert.Equal("pensions,contributions → pensions",
            _desk.Events(admin.OrganizationId, "membership.updated").Single(e => e.TargetId == member.Id).Details["topic_ids"]);
        Assert.False(_desk.Events(admin.OrganizationId, "organization.updated").Single().Details.ContainsKey("topic_ids"));
        Assert.Equal(["contributions"], (await _desk.Members.Members.GetMemberAsync(new() { MemberId = other.Id }, bearer)).Member.TopicIds);

        // A new administrator gets the organisation's topics but the retired one.
        await _desk.Registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = admin.OrganizationId, Email = "zweite@topics.test" },
            await _desk.Operator());
        var code = TestCodes.AccessCode(await _server.Mail.WaitForText("zweite@topics.test"))!;
        var second = await _desk.Registrar.RegisterNew(code, "zweite@topics.test", "+41795570005");
        Assert.Equal(["contributions"], _server.Store().Read(r => r.MembershipsOfPerson(second.PersonId)).Single().TopicIds);
    }
}
