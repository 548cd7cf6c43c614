using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>Deactivating a member who left, reactivating them, and the organisation's last administrator.</summary>
public sealed class MemberDeactivationTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public MemberDeactivationTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    [Fact]
    public async Task DeactivateMember_EndsTheirSessions_AndRefusesTheirSignIn()
    {
        var admin = await _driver.Admin("deact-admin@muster.test", "+41795600101", "601.001");
        var leaver = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("leaver@muster.test", "+41795600102", topicIds: ["contributions"]));
        var memberId = (await _driver.List(admin)).Single(m => m.PersonId == leaver.PersonId).Id;
        await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(leaver.SessionToken));

        var response = await Members.DeactivateMemberAsync(new() { MemberId = memberId }, MemberDriver.As(admin));

        Assert.Equal(MemberState.Deactivated, response.Member.State);
        Assert.True(response.EndedSessions >= 1);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(leaver.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "leaver@muster.test", Password = Registrar.Password }));
        var session = _server.Stored<Domain.Session>().Where(s => s.PersonId == leaver.PersonId).ToList();
        Assert.All(session, s => Assert.NotNull(s.RevokedAt));

        // Hidden from the default list, shown when asked for; the record stays.
        Assert.DoesNotContain(await _driver.List(admin), m => m.Id == memberId);
        var listed = Assert.Single(await _driver.List(admin, MemberState.Deactivated));
        Assert.Equal(memberId, listed.Id);
        Assert.Equal(new[] { "contributions" }, listed.TopicIds);
        Assert.Equal(MemberState.Deactivated, (await _driver.Get(admin, memberId)).State);
    }

    [Fact]
    public async Task DeactivateMember_WithTwoSessions_EndsBoth()
    {
        var admin = await _driver.Admin("two-sessions-admin@muster.test", "+41795600111", "601.002");
        var created = await _driver.Active(admin, MemberDriver.Request("two-sessions@muster.test", "+41795600112"));
        var first = await _driver.SignedIn(created);
        var second = await _driver.SignedIn(created);

        var response = await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin));

        Assert.Equal(2, response.EndedSessions);
        foreach (var token in new[] { first, second })
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(token)));
    }

    [Fact]
    public async Task DeactivateMember_OfAPersonWithAnotherOrganization_KeepsTheOtherOrganization()
    {
        var first = await _driver.Admin("multi-a@muster.test", "+41795600121", "601.003", "Erste AG");
        var second = await _driver.Admin("multi-b@muster.test", "+41795600122", "601.004", "Zweite AG");
        var inFirst = await _driver.ActiveAndSignedIn(first, MemberDriver.Request("multi@muster.test", "+41795600123"));
        // The person already has an account: the code goes to their own number, and they accept in their account.
        _server.Time.Advance(TimeSpan.FromSeconds(2)); // the outbox orders SMS to one number by time
        var smsBefore = _server.Sms.To("+41795600123").Count;
        var created = await Members.CreateMemberAsync(MemberDriver.Request("multi@muster.test", "+41795600124"), MemberDriver.As(second));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795600123", smsBefore + 1));
        await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(second));
        var inSecond = await _driver.Accepted(second, inFirst, created.Member.Id);
        Assert.Equal(MemberState.Active, inSecond.State);
        var secondSession = (await _driver.SignIn.WithSms(inFirst, Registrar.Password, second.OrganizationId)).Session.SessionToken;

        var response = await Members.DeactivateMemberAsync(new() { MemberId = inSecond.Id }, MemberDriver.As(second));

        Assert.Equal(1, response.EndedSessions);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(secondSession)));
        Assert.Equal(first.OrganizationId, (await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(inFirst.SessionToken))).OrganizationId);
        // They still sign in, into the first organisation only.
        var again = await _driver.SignIn.WithSms(inFirst);
        Assert.Equal(first.OrganizationId, again.Session.OrganizationId);
    }

    [Fact]
    public async Task ReactivateMember_GivesTheAccessBackWithTheRightsTheyHad()
    {
        var admin = await _driver.Admin("react-admin@muster.test", "+41795600131", "601.005");
        var created = await _driver.Active(admin, MemberDriver.Request("react@muster.test", "+41795600132", administrator: true, topicIds: ["contributions"]));
        var deactivated = (await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin))).Member;

        var reactivated = (await Members.ReactivateMemberAsync(new() { MemberId = created.Id, Etag = deactivated.Etag }, MemberDriver.As(admin))).Member;

        Assert.Equal(MemberState.Active, reactivated.State);
        Assert.True(reactivated.Administrator);
        Assert.Equal(new[] { "contributions" }, reactivated.TopicIds);
        Assert.NotEqual(deactivated.Etag, reactivated.Etag);
        var token = await _driver.SignedIn(created);
        var me = await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(token));
        Assert.True(me.Administrator);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.ReactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin)));
    }

    [Fact]
    public async Task DeactivateAndReactivate_WithAStaleEtag_FailWithEtagMismatch()
    {
        var admin = await _driver.Admin("etag-admin@muster.test", "+41795600141", "601.006");
        var created = await _driver.Active(admin, MemberDriver.Request("etag@muster.test", "+41795600142"));
        var read = await _driver.Get(admin, created.Id);
        var renamed = read.Clone();
        renamed.GivenName = "Renamed";
        await Members.UpdateMemberAsync(new() { Member = renamed, UpdateMask = new FieldMask { Paths = { "given_name" } } }, MemberDriver.As(admin));

        await RpcAssert.Fails(StatusCode.Aborted, "ETAG_MISMATCH",
            Members.DeactivateMemberAsync(new() { MemberId = created.Id, Etag = read.Etag }, MemberDriver.As(admin)));
        Assert.Equal(MemberState.Active, (await _driver.Get(admin, created.Id)).State);

        var deactivated = (await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin))).Member;
        await RpcAssert.Fails(StatusCode.Aborted, "ETAG_MISMATCH",
            Members.ReactivateMemberAsync(new() { MemberId = created.Id, Etag = read.Etag }, MemberDriver.As(admin)));
        Assert.Equal(deactivated, await _driver.Get(admin, created.Id));
    }

    [Fact]
    public async Task ReactivateMember_WhosePersonWasRemoved_FailsWithPersonRemoved()
    {
        var admin = await _driver.Admin("removed-admin@muster.test", "+41795600151", "601.007");
        var created = await _driver.Active(admin, MemberDriver.Request("removed@muster.test", "+41795600152"));
        await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin));
        _server.Store().Write(w => { w.Delete<Domain.Person>(created.PersonId); return 0; });

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PERSON_REMOVED",
            Members.ReactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin)));

        var member = await _driver.Get(admin, created.Id);
        Assert.Equal(MemberState.Deactivated, member.State);
        Assert.Equal("", member.Email);
        Assert.Contains(await _driver.List(admin, MemberState.Deactivated), m => m.Id == created.Id);
    }

    [Fact]
    public async Task DeactivateMember_Pending_FailsWithMemberStateInvalid()
    {
        var admin = await _driver.Admin("pending-admin@muster.test", "+41795600161", "601.008");
        var (phone, _) = await _driver.Create(admin, MemberDriver.Request("phone@muster.test", "+41795600162"));
        var activation = await _driver.Verified(admin, MemberDriver.Request("activation@muster.test", "+41795600163"));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.DeactivateMemberAsync(new() { MemberId = phone.Member.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.DeactivateMemberAsync(new() { MemberId = activation.Id }, MemberDriver.As(admin)));

        Assert.Equal(phone.Member, await _driver.Get(admin, phone.Member.Id));
        Assert.Equal(activation, await _driver.Get(admin, activation.Id));
    }

    [Fact]
    public async Task TheOnlyAdministrator_CannotDemoteOrDeactivateThemselves()
    {
        var admin = await _driver.Admin("only-admin@muster.test", "+41795600171", "601.009");
        var self = Assert.Single(await _driver.List(admin));

        var demoted = self.Clone();
        demoted.Administrator = false;
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR", Members.UpdateMemberAsync(new() { Member = demoted }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR",
            Members.UpdateMemberAsync(new() { Member = demoted, UpdateMask = new FieldMask { Paths = { "administrator" } } }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR",
            Members.DeactivateMemberAsync(new() { MemberId = self.Id }, MemberDriver.As(admin)));

        Assert.Equal(self, await _driver.Get(admin, self.Id));
        Assert.True((await _driver.SignIn.Sessions.WhoAmIAsync(new(), MemberDriver.As(admin))).Administrator);
    }

    [Fact]
    public async Task APendingAdministrator_DoesNotCountAsTheOneLeft()
    {
        var admin = await _driver.Admin("pending-admins@muster.test", "+41795600181", "601.010");
        await _driver.Verified(admin, MemberDriver.Request("future-admin@muster.test", "+41795600182", administrator: true));
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);

        var demoted = self.Clone();
        demoted.Administrator = false;
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR", Members.UpdateMemberAsync(new() { Member = demoted }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR",
            Members.DeactivateMemberAsync(new() { MemberId = self.Id }, MemberDriver.As(admin)));
    }

    [Fact]
    public async Task WithTwoAdministrators_OneCanBeDemoted_ThenTheOtherIsTheLast()
    {
        var admin = await _driver.Admin("two-admins@muster.test", "+41795600191", "601.011");
        var other = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("second-admin@muster.test", "+41795600192", administrator: true));
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);

        // The first administrator demotes themselves.
        var demoted = self.Clone();
        demoted.Administrator = false;
        var updated = (await Members.UpdateMemberAsync(new() { Member = demoted, UpdateMask = new FieldMask { Paths = { "administrator" } } },
            MemberDriver.As(admin))).Member;
        Assert.False(updated.Administrator);
        Assert.False((await _driver.SignIn.Sessions.WhoAmIAsync(new(), MemberDriver.As(admin))).Administrator);
        await RpcAssert.Fails(StatusCode.PermissionDenied, "ADMINISTRATOR_REQUIRED", Members.ListMembersAsync(new(), MemberDriver.As(admin)));

        // The second one is now the last.
        var second = (await _driver.List(other)).Single(m => m.PersonId == other.PersonId);
        var demoteSecond = second.Clone();
        demoteSecond.Administrator = false;
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR", Members.UpdateMemberAsync(new() { Member = demoteSecond }, MemberDriver.As(other)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR",
            Members.DeactivateMemberAsync(new() { MemberId = second.Id }, MemberDriver.As(other)));
        Assert.True((await _driver.Get(other, second.Id)).Administrator);
    }

    [Fact]
    public async Task WithTwoAdministrators_OneCanBeDeactivated()
    {
        var admin = await _driver.Admin("deact-admins@muster.test", "+41795600201", "601.012");
        var created = await _driver.Active(admin, MemberDriver.Request("deact-second@muster.test", "+41795600202", administrator: true));

        var response = await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin));

        Assert.Equal(MemberState.Deactivated, response.Member.State);
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);
        var demoted = self.Clone();
        demoted.Administrator = false;
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "LAST_ADMINISTRATOR", Members.UpdateMemberAsync(new() { Member = demoted }, MemberDriver.As(admin)));
    }
}
