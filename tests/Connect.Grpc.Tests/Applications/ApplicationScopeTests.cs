using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>An application does what its scopes allow, in its own organisation, and nothing else.</summary>
public sealed class ApplicationScopeTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public ApplicationScopeTests(ClassServer shared)
    {
        _server = shared.Server;
        var channel = shared.Channel;
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    [Fact]
    public async Task AReadOnlyIntegration_Reads_ButEveryChangeIsRefused_AndNothingIsWritten()
    {
        var admin = await _driver.Admin("scope-admin@muster.test", "+41795720101", "821.001");
        var reader = ApplicationDriver.As(await _apps.Token(await _apps.Partner(admin, "Reader", "users.read")));
        var self = (await Members.ListMembersAsync(new(), reader)).Members.Single();
        await Members.GetMemberAsync(new() { MemberId = self.Id }, reader);
        await Members.ListGrantableTopicsAsync(new(), reader);
        var auditBefore = (await Members.ListOrganizationAuditEventsAsync(new(), reader)).AuditEvents.Count;

        var changes = new (string Name, Func<Task> Call)[]
        {
            ("CreateMember", async () => await Members.CreateMemberAsync(MemberDriver.Request("nope@muster.test", "+41795720102"), reader)),
            ("UpdateMember", async () => await Members.UpdateMemberAsync(new() { Member = new Member { Id = self.Id, Etag = self.Etag, GivenName = "X", FamilyName = "Y" } }, reader)),
            ("DeactivateMember", async () => await Members.DeactivateMemberAsync(new() { MemberId = self.Id, Etag = self.Etag }, reader)),
            ("ReactivateMember", async () => await Members.ReactivateMemberAsync(new() { MemberId = self.Id }, reader)),
            ("StartMemberPhoneChange", async () => await Members.StartMemberPhoneChangeAsync(new() { MemberId = self.Id, PhoneNumber = "+41795720103" }, reader)),
            ("ConfirmMemberPhoneChange", async () => await Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = self.Id, Code = "123456" }, reader)),
            ("SendMemberPhoneCode", async () => await Members.SendMemberPhoneCodeAsync(new() { MemberId = self.Id }, reader)),
            ("VerifyMemberPhone", async () => await Members.VerifyMemberPhoneAsync(new() { MemberId = self.Id, Code = "123456" }, reader)),
            ("ResendActivation", async () => await Members.ResendActivationAsync(new() { MemberId = self.Id }, reader)),
            ("CancelMember", async () => await Members.CancelMemberAsync(new() { MemberId = self.Id }, reader)),
        };
        foreach (var (name, call) in changes)
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", call);
            Assert.True(status.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["scope"] == "users.write", name);
        }
        Assert.Equal(auditBefore, (await Members.ListOrganizationAuditEventsAsync(new(), reader)).AuditEvents.Count);
        Assert.Empty(_server.Sms.To("+41795720102"));
    }

    [Fact]
    public async Task AWriteOnlyIntegration_CannotRead()
    {
        var admin = await _driver.Admin("write-admin@muster.test", "+41795720201", "821.002");
        var writer = ApplicationDriver.As(await _apps.Token(await _apps.Partner(admin, "Writer", "users.write")));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", Members.ListMembersAsync(new(), writer));
        await Members.CreateMemberAsync(MemberDriver.Request("writer-made@muster.test", "+41795720202"), writer);
    }

    [Fact]
    public async Task AnIntegration_NeverSeesAnotherOrganization()
    {
        var mine = await _driver.Admin("mine-admin@muster.test", "+41795720301", "821.003", "Erste AG");
        var theirs = await _driver.Admin("theirs-admin@muster.test", "+41795720302", "821.004", "Zweite AG");
        var foreign = (await _driver.List(theirs)).Single();
        var app = ApplicationDriver.As(await _apps.Token(await _apps.Partner(mine)));

        Assert.DoesNotContain((await Members.ListMembersAsync(new(), app)).Members, m => m.PersonId == theirs.PersonId);
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", Members.GetMemberAsync(new() { MemberId = foreign.Id }, app));
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND",
            Members.DeactivateMemberAsync(new() { MemberId = foreign.Id, Etag = foreign.Etag }, app));
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND",
            Members.ListOrganizationAuditEventsAsync(new() { MemberId = foreign.Id }, app));
        Assert.Equal(MemberState.Active, (await _driver.Get(theirs, foreign.Id)).State);
        // Its own administrators manage it; another organisation's administrator cannot even see it.
        var appId = (await _apps.Applications.ListApplicationsAsync(new(), MemberDriver.As(mine))).Applications.Single().Id;
        Assert.Empty((await _apps.Applications.ListApplicationsAsync(new(), MemberDriver.As(theirs))).Applications);
        await RpcAssert.Fails(StatusCode.NotFound, "APPLICATION_NOT_FOUND",
            _apps.Applications.GetApplicationAsync(new() { ApplicationId = appId }, MemberDriver.As(theirs)));
        await RpcAssert.Fails(StatusCode.NotFound, "APPLICATION_NOT_FOUND",
            _apps.Applications.RevokeApplicationAsync(new() { ApplicationId = appId, Reason = "Mine now" }, MemberDriver.As(theirs)));
    }

    [Fact]
    public async Task AnApplication_CannotUseThePersonsCalls_NorManageApplications()
    {
        var admin = await _driver.Admin("person-calls@muster.test", "+41795720401", "821.005");
        var app = ApplicationDriver.As(await _apps.Token(await _apps.Partner(admin)));
        var channel = _server.CreateChannel();

        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", new AccountService.AccountServiceClient(channel).GetAccountAsync(new(), app));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", new SessionService.SessionServiceClient(channel).WhoAmIAsync(new(), app));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _apps.Applications.ListApplicationsAsync(new(), app));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _apps.Applications.CreateApplicationAsync(new()
        {
            DisplayName = "Child", Kind = ApplicationKind.Partner, Scopes = { "users.read" },
        }, app));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED",
            new OrganizationService.OrganizationServiceClient(channel).ListOrganizationsAsync(new(), app));
    }
}
