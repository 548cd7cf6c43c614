using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>Suspending and reopening an organisation: its sessions end, nobody signs in or registers, nothing is deleted.</summary>
public sealed class OrganizationSuspensionTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public OrganizationSuspensionTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private OrganizationService.OrganizationServiceClient Organizations => _desk.Organizations;
    private SignInDriver SignIn => _desk.SignIn;

    private async Task<Organization> Suspend(string id, string reason = "Konkurs") =>
        (await Organizations.SuspendOrganizationAsync(new() { Id = id, Reason = reason }, await _desk.Operator())).Organization;

    private async Task<Organization> Reopen(string id, string reason = "Irrtum") =>
        (await Organizations.ReopenOrganizationAsync(new() { Id = id, Reason = reason }, await _desk.Operator())).Organization;

    [Fact]
    public async Task Suspend_EndsTheSessions_RefusesSignInAndRegistration_AndReopenGivesAccessBack()
    {
        var admin = await SignIn.Member("chef@suspend.test", "+41795560001", "400.001", "Muster AG");
        var second = await SignIn.WithSms(admin);  // a second live session of the same person
        var code = (await _desk.Registrar.Letter(await SignIn.OperatorToken(), admin.OrganizationId)).AccessCode;
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        var suspended = await Suspend(admin.OrganizationId, "  Konkurs eröffnet ");
        Assert.Equal(OrganizationState.Suspended, suspended.State);
        Assert.Equal(_server.Time.GetUtcNow().UtcDateTime, suspended.SuspendTime.ToDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.NotEqual((await _desk.Get(admin.OrganizationId)).CreateTime, suspended.UpdateTime);
        var audited = Assert.Single(_desk.Events(admin.OrganizationId, "organization.suspended"));
        Assert.Equal("Konkurs eröffnet", audited.Details["reason"]);
        Assert.Equal("2", audited.Details["ended_sessions"]);

        // The member's sessions fail their next call.
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(admin.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            SignIn.Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(second.Session.SessionToken)));

        // The right password is told the organisation is suspended, again and again, without locking the address;
        // a wrong one learns nothing.
        for (var i = 0; i < 11; i++)
            await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", SignIn.SignIn.StartSignInAsync(new() { Email = admin.Email, Password = Registrar.Password }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", SignIn.SignIn.StartSignInAsync(new() { Email = admin.Email, Password = "wrong password here" }));
        Assert.Equal(11, _desk.Events("person.sign_in_refused").Count(e => e.TargetId == admin.PersonId));

        // Its access code does not start a registration.
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", _desk.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code }));

        // Nothing was deleted: the member and the organisation are still there.
        Assert.Equal(suspended, await _desk.Get(admin.OrganizationId));
        var listed = await Organizations.ListOrganizationsAsync(new() { States = { OrganizationState.Suspended } }, await _desk.Operator());
        Assert.Equal(admin.OrganizationId, Assert.Single(listed.Organizations).Id);

        var reopened = await Reopen(admin.OrganizationId);
        Assert.Equal(OrganizationState.Active, reopened.State);
        Assert.Null(reopened.SuspendTime);
        Assert.Equal("Irrtum", Assert.Single(_desk.Events(admin.OrganizationId, "organization.reopened")).Details["reason"]);

        var signedIn = await SignIn.WithSms(admin);
        Assert.Equal(admin.OrganizationId, signedIn.Session.OrganizationId);
        await SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(signedIn.Session.SessionToken));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(admin.SessionToken)));
        await _desk.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code });
    }

    [Fact]
    public async Task Suspend_DuringARegistration_RefusesItsFinish_UntilReopened()
    {
        var organization = await _desk.Create("400.010");
        var code = (await _desk.Registrar.Letter(await SignIn.OperatorToken(), organization.Id)).AccessCode;
        var registration = _desk.Registrar.Registration;
        var (token, _) = await _desk.Registrar.VerifiedEmail(code, "late@suspend.test");
        await registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Lea", FamilyName = "Spät", Password = Registrar.Password, Language = Language.De,
        });
        _desk.Registrar.WaitOutResendInterval();
        await registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "+41795560011" });
        var sms = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795560011"));
        await registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = sms });

        await Suspend(organization.Id);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", registration.FinishRegistrationAsync(new() { RegistrationToken = token }));
        Assert.Empty(_desk.Events(organization.Id, "membership.created"));
        Assert.DoesNotContain(_server.Stored<Connect.Grpc.Domain.Membership>(), m => m.OrganizationId == organization.Id);

        await Reopen(organization.Id);
        var finished = await registration.FinishRegistrationAsync(new() { RegistrationToken = token });
        Assert.Equal(organization.Id, finished.OrganizationId);
    }

    [Fact]
    public async Task Suspend_BetweenPasswordAndSecondFactor_IssuesNoSession()
    {
        var admin = await SignIn.Member("between@suspend.test", "+41795560021", "400.020");
        var challenge = await SignIn.Password(admin.Email);
        var code = await SignIn.SmsCode(challenge, admin.Phone);

        await Suspend(admin.OrganizationId);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED",
            SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code }));
        Assert.DoesNotContain(_server.Stored<Connect.Grpc.Domain.Session>().Where(s => s.OrganizationId == admin.OrganizationId),
            s => s.RevokedAt is null);
        // The sign-in is over: the code cannot be used again after the reopening.
        await Reopen(admin.OrganizationId);
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code }));
    }

    [Fact]
    public async Task APersonOfTwoOrganizations_SignsInToTheOneNotSuspended()
    {
        var adminA = await SignIn.Member("a@two.test", "+41795560031", "400.031", "Alpha AG");
        var adminB = await SignIn.Member("b@two.test", "+41795560032", "400.032", "Beta AG");
        // B's administrator also becomes a member of Alpha (a known person waits until they accept).
        _desk.Registrar.WaitOutResendInterval();
        var pending = await _desk.Members.Verified(adminA, MemberDriver.Request(adminB.Email, adminB.Phone, "Anna", "Muster"));
        Assert.Equal(MemberState.PendingActivation, pending.State);
        var member = await _desk.Members.Accepted(adminA, adminB, pending.Id);
        Assert.Equal(MemberState.Active, member.State);

        await Suspend(adminB.OrganizationId);

        var signedIn = await SignIn.WithSms(adminB);
        Assert.Equal(adminA.OrganizationId, signedIn.Session.OrganizationId);
        var mine = await SignIn.Sessions.ListMyOrganizationsAsync(new(), RpcAssert.Bearer(signedIn.Session.SessionToken));
        Assert.Equal([adminA.OrganizationId], mine.Organizations.Select(o => o.OrganizationId));
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            SignIn.Sessions.SwitchOrganizationAsync(new() { OrganizationId = adminB.OrganizationId }, RpcAssert.Bearer(signedIn.Session.SessionToken)));
    }

    [Fact]
    public async Task SuspendAndReopen_BadInput_FailWithReasons_AndChangeNothing()
    {
        var bearer = await _desk.Operator();
        var organization = await _desk.Create("400.040");
        var fund = Assert.Single((await Organizations.ListOrganizationsAsync(new(), bearer)).Organizations, o => o.Fund);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "FUND_ORGANIZATION_PROTECTED",
            Organizations.SuspendOrganizationAsync(new() { Id = fund.Id, Reason = "Test" }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_STATE_INVALID",
            Organizations.ReopenOrganizationAsync(new() { Id = organization.Id, Reason = "Test" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.SuspendOrganizationAsync(new() { Id = organization.Id }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.SuspendOrganizationAsync(new() { Id = organization.Id, Reason = "   " }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Organizations.SuspendOrganizationAsync(new() { Id = organization.Id, Reason = new string('x', 501) }, bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            Organizations.SuspendOrganizationAsync(new() { Id = "0000000000000000", Reason = "Test" }, bearer));
        Assert.Equal(organization, await _desk.Get(organization.Id));
        Assert.Equal(fund, await _desk.Get(fund.Id));

        var suspended = await Suspend(organization.Id);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_STATE_INVALID",
            Organizations.SuspendOrganizationAsync(new() { Id = organization.Id, Reason = "Again" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.ReopenOrganizationAsync(new() { Id = organization.Id }, bearer));
        Assert.Equal(suspended, await _desk.Get(organization.Id));
        Assert.Single(_desk.Events(organization.Id, "organization.suspended"));
        Assert.Empty(_desk.Events(organization.Id, "organization.reopened"));
    }
}
