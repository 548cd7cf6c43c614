using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>The organisation's audit log: who changed which member, how, when and from where.</summary>
public sealed class MemberAuditTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly MemberDriver _driver;

    public MemberAuditTests() => _driver = new MemberDriver(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private MemberService.MemberServiceClient Members => _driver.Members;

    /// <summary>A member created, verified, activated, updated and deactivated by the organisation's administrator.</summary>
    private async Task<(RegisteredAdmin Admin, CreatedMember Member, string SmsCode, string ActivationCode)> History()
    {
        var admin = await _driver.Admin("audit-admin@muster.test", "+41795630101", "901.001", "Muster AG", Language.De, "contributions", "family-allowances");
        var (created, smsCode) = await _driver.Create(admin, MemberDriver.Request("audited@muster.test", "+41795630102", "Berta", "Beispiel",
            topicIds: ["contributions"]));
        await Later();
        var verified = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = smsCode }, MemberDriver.As(admin))).Member;
        var activationCode = await _driver.ActivationCode("audited@muster.test", 1);
        await Later();
        await _driver.Activation.ActivateAsync(new() { ActivationCode = activationCode, Password = Registrar.Password });
        await Later();
        var changed = (await _driver.Get(admin, verified.Id)).Clone();
        changed.GivenName = "Bea";
        changed.Administrator = true;
        changed.TopicIds.Add("family-allowances");
        await Members.UpdateMemberAsync(new() { Member = changed }, MemberDriver.As(admin));
        await Later();
        await Members.DeactivateMemberAsync(new() { MemberId = verified.Id }, MemberDriver.As(admin));
        var member = new CreatedMember(verified.Id, changed.PersonId, verified.Email, "+41795630102", admin.OrganizationId);
        return (admin, member, smsCode, activationCode);
    }

    /// <summary>
    /// Moves both clocks on: the event's time is the server's (fake) clock, its id — by which the log is
    /// ordered — carries the real millisecond.
    /// </summary>
    private async Task Later()
    {
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(5);
    }

    [Fact]
    public async Task ListOrganizationAuditEvents_RecordsCreateUpdateAndDeactivate_WithBeforeAndAfter_ActorAndAddress()
    {
        var (admin, member, smsCode, activationCode) = await History();

        var events = await _driver.Audit(admin);

        var created = Assert.Single(events, e => e.Action == "membership.created" && e.TargetId == member.Id);
        Assert.Equal("membership", created.TargetType);
        Assert.Equal(admin.OrganizationId, created.OrganizationId);
        Assert.Equal(admin.PersonId, created.ActorPersonId);
        Assert.Equal("Anna Muster", created.ActorName);
        Assert.False(string.IsNullOrEmpty(created.ClientAddress));
        Assert.Equal("audited@muster.test", created.Details["email"]);
        // Which person the membership belongs to is the fund's to know until the person accepts.
        Assert.False(created.Details.ContainsKey("person_id"));
        Assert.Equal(("Berta", "Beispiel"), (created.Details["given_name"], created.Details["family_name"]));
        Assert.Equal("false", created.Details["administrator"]);
        Assert.Equal("contributions", created.Details["topic_ids"]);
        Assert.EndsWith("02", created.Details["phone_number"]);
        Assert.DoesNotContain("5563", created.Details["phone_number"]);

        // That a person was created is in the fund's log only: the organisation sees the same events for a known address.
        Assert.DoesNotContain(events, e => e.Action == "person.created" && e.TargetId == member.PersonId);
        var personCreated = Assert.Single(_server.Stored<Domain.AuditEvent>(), e => e.Action == "person.created" && e.TargetId == member.PersonId);
        Assert.Equal(("person", null, member.Id), (personCreated.TargetType, personCreated.OrganizationId, personCreated.Details["membership_id"]));
        Assert.Equal("Berta", personCreated.Details["given_name"]);

        var updated = Assert.Single(events, e => e.Action == "membership.updated" && e.TargetId == member.Id);
        Assert.Equal(admin.PersonId, updated.ActorPersonId);
        Assert.Equal("Berta → Bea", updated.Details["given_name"]);
        Assert.Equal("false → true", updated.Details["administrator"]);
        Assert.Equal("contributions → contributions,family-allowances", updated.Details["topic_ids"]);
        Assert.False(updated.Details.ContainsKey("family_name"));
        Assert.False(string.IsNullOrEmpty(updated.ClientAddress));

        var deactivated = Assert.Single(events, e => e.Action == "membership.deactivated" && e.TargetId == member.Id);
        Assert.Equal(admin.PersonId, deactivated.ActorPersonId);
        Assert.Equal("active → deactivated", deactivated.Details["state"]);
        Assert.Equal("0", deactivated.Details["ended_sessions"]);
        Assert.False(string.IsNullOrEmpty(deactivated.ClientAddress));

        // The person activated themselves.
        var activated = Assert.Single(events, e => e.Action == "membership.activated" && e.TargetId == member.Id);
        Assert.Equal(member.PersonId, activated.ActorPersonId);
        Assert.Equal("Bea Beispiel", activated.ActorName); // the actor's name at the time of reading

        // Newest first.
        Assert.Equal(events.Select(e => e.Id).OrderDescending(StringComparer.Ordinal), events.Select(e => e.Id));
        var times = events.Where(e => e.TargetId == member.Id).Select(e => e.Time.ToDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.True(events.ToList().IndexOf(deactivated) < events.ToList().IndexOf(updated));
        Assert.True(events.ToList().IndexOf(updated) < events.ToList().IndexOf(created));

        // Never a secret, never the whole number.
        Assert.All(events, e => Assert.All(e.Details.Values, value =>
        {
            Assert.DoesNotContain(smsCode, value);
            Assert.DoesNotContain(activationCode, value);
            Assert.DoesNotContain("795630102", value);
        }));
        Assert.All(events, e => Assert.Equal(admin.OrganizationId, e.OrganizationId));
    }

    [Fact]
    public async Task ListOrganizationAuditEvents_WithAMemberId_ListsThatMembersEventsOnly_NewestFirst()
    {
        var (admin, member, _, _) = await History();

        var events = await _driver.Audit(admin, member.Id);

        Assert.All(events, e => Assert.Equal(member.Id, e.TargetId));
        Assert.Equal(new[] { "membership.deactivated", "membership.updated", "membership.activated", "membership.phone_verified", "membership.created" },
            events.Select(e => e.Action));
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);
        Assert.DoesNotContain(await _driver.Audit(admin, self.Id), e => e.TargetId == member.Id);
    }

    [Fact]
    public async Task ListOrganizationAuditEvents_PagesOfTwo_GiveTheWholeLogInOrder()
    {
        var (admin, member, _, _) = await History();
        var all = await _driver.Audit(admin);
        var ofMember = await _driver.Audit(admin, member.Id);

        async Task<List<string>> Paged(string memberId)
        {
            var ids = new List<string>();
            var token = "";
            do
            {
                var page = await Members.ListOrganizationAuditEventsAsync(new() { PageSize = 2, PageToken = token, MemberId = memberId }, MemberDriver.As(admin));
                Assert.True(page.AuditEvents.Count <= 2);
                ids.AddRange(page.AuditEvents.Select(e => e.Id));
                token = page.NextPageToken;
                Assert.True(ids.Count <= 500, "The pages never end.");
            }
            while (token.Length > 0);
            return ids;
        }

        Assert.True(all.Count > 5);
        Assert.Equal(all.Select(e => e.Id), await Paged(""));
        Assert.Equal(ofMember.Select(e => e.Id), await Paged(member.Id));
    }

    [Fact]
    public async Task ListOrganizationAuditEvents_TokenOfAnotherList_FailsWithPageTokenInvalid()
    {
        var (admin, member, _, _) = await History();
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);
        var whole = await Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1 }, MemberDriver.As(admin));
        var ofMember = await Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, MemberId = member.Id }, MemberDriver.As(admin));

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, PageToken = whole.NextPageToken, MemberId = member.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, PageToken = ofMember.NextPageToken }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, PageToken = ofMember.NextPageToken, MemberId = self.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, PageToken = "garbage" }, MemberDriver.As(admin)));
        var listRequest = new ListMembersRequest { PageSize = 1 };
        listRequest.States.Add([MemberState.Active, MemberState.Deactivated]);
        var members = await Members.ListMembersAsync(listRequest, MemberDriver.As(admin));
        Assert.NotEqual("", members.NextPageToken);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = 1, PageToken = members.NextPageToken }, MemberDriver.As(admin)));
    }

    [Fact]
    public async Task ListOrganizationAuditEvents_RecordsCancelPhoneChangeReactivateAndAWrongCode()
    {
        var admin = await _driver.Admin("audit2-admin@muster.test", "+41795630111", "901.002");
        var (pending, code) = await _driver.Create(admin, MemberDriver.Request("cancelled@muster.test", "+41795630112"));
        var wrong = code[..5] + (char)('0' + (code[5] - '0' + 1) % 10);
        await Later();
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            Members.VerifyMemberPhoneAsync(new() { MemberId = pending.Member.Id, Code = wrong }, MemberDriver.As(admin)));
        await Later();
        await Members.CancelMemberAsync(new() { MemberId = pending.Member.Id }, MemberDriver.As(admin));
        var active = await _driver.Active(admin, MemberDriver.Request("phone@muster.test", "+41795630113"));
        await Later();
        await Members.StartMemberPhoneChangeAsync(new() { MemberId = active.Id, PhoneNumber = "+41795630114" }, MemberDriver.As(admin));
        var smsCode = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795630114"));
        await Later();
        await Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = active.Id, Code = smsCode }, MemberDriver.As(admin));
        await Later();
        await Members.DeactivateMemberAsync(new() { MemberId = active.Id }, MemberDriver.As(admin));
        await Later();
        await Members.ReactivateMemberAsync(new() { MemberId = active.Id }, MemberDriver.As(admin));

        // The cancelled member is gone (its id answers MEMBER_NOT_FOUND), but the organisation's log keeps its events.
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND",
            Members.ListOrganizationAuditEventsAsync(new() { MemberId = pending.Member.Id }, MemberDriver.As(admin)));
        var ofPending = (await _driver.Audit(admin)).Where(e => e.TargetId == pending.Member.Id).ToList();
        Assert.Equal(new[] { "membership.cancelled", "membership.phone_code_failed", "membership.created" }, ofPending.Select(e => e.Action));
        Assert.Equal("cancelled@muster.test", ofPending[0].Details["email"]);
        Assert.False(ofPending[0].Details.ContainsKey("person_removed")); // the fund's log says it: person.removed
        Assert.Single(_server.Stored<Domain.AuditEvent>(), e => e.Action == "person.removed" && e.OrganizationId == null);
        Assert.Equal("CODE_INVALID", ofPending[1].Details["reason"]);

        var ofActive = await _driver.Audit(admin, active.Id);
        Assert.Equal(new[] { "membership.reactivated", "membership.deactivated", "membership.phone_changed", "membership.phone_change_started" },
            ofActive.Take(4).Select(e => e.Action));
        Assert.Equal("deactivated → active", ofActive[0].Details["state"]);
        var changedNumber = ofActive[2].Details["phone_number"];
        Assert.Matches("^•+13 → •+14$", changedNumber);
    }
}
