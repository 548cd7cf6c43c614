using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.Members;

/// <summary>Who may manage members: administrators of the session's organisation only, and never another organisation's members.</summary>
public sealed class MemberBoundaryTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public MemberBoundaryTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    /// <summary>Every RPC of the service that takes a member id, called with <paramref name="memberId"/>.</summary>
    private IEnumerable<(string Name, Func<Task> Call)> CallsWithMemberId(Metadata bearer, string memberId, string etag) =>
    [
        ("GetMember", async () => await Members.GetMemberAsync(new() { MemberId = memberId }, bearer)),
        ("SendMemberPhoneCode", async () => await Members.SendMemberPhoneCodeAsync(new() { MemberId = memberId }, bearer)),
        ("VerifyMemberPhone", async () => await Members.VerifyMemberPhoneAsync(new() { MemberId = memberId, Code = "123456" }, bearer)),
        ("ResendActivation", async () => await Members.ResendActivationAsync(new() { MemberId = memberId }, bearer)),
        ("CancelMember", async () => await Members.CancelMemberAsync(new() { MemberId = memberId }, bearer)),
        ("UpdateMember", async () => await Members.UpdateMemberAsync(new()
        {
            Member = new Member { Id = memberId, Etag = etag, GivenName = "Mallory", FamilyName = "Mallory", Administrator = true },
        }, bearer)),
        ("UpdateMember (mask)", async () => await Members.UpdateMemberAsync(new()
        {
            Member = new Member { Id = memberId, Etag = etag, Administrator = false }, UpdateMask = new FieldMask { Paths = { "administrator" } },
        }, bearer)),
        ("StartMemberPhoneChange", async () => await Members.StartMemberPhoneChangeAsync(new() { MemberId = memberId, PhoneNumber = "+41795619999" }, bearer)),
        ("ConfirmMemberPhoneChange", async () => await Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = memberId, Code = "123456" }, bearer)),
        ("DeactivateMember", async () => await Members.DeactivateMemberAsync(new() { MemberId = memberId, Etag = etag }, bearer)),
        ("DeactivateMember (no etag)", async () => await Members.DeactivateMemberAsync(new() { MemberId = memberId }, bearer)),
        ("ReactivateMember", async () => await Members.ReactivateMemberAsync(new() { MemberId = memberId }, bearer)),
        ("ListOrganizationAuditEvents", async () => await Members.ListOrganizationAuditEventsAsync(new() { MemberId = memberId }, bearer)),
    ];

    [Fact]
    public async Task AnotherOrganizationsMemberId_IsNotFound_ExactlyLikeAMissingId_ForEveryRpc()
    {
        var attacker = await _driver.Admin("attacker@muster.test", "+41795610101", "701.001", "Erste AG");
        var victim = await _driver.Admin("victim@muster.test", "+41795610102", "701.002", "Zweite AG");
        var pending = (await _driver.Create(victim, MemberDriver.Request("pending@zweite.test", "+41795610103"))).Response.Member;
        var active = await _driver.Active(victim, MemberDriver.Request("active@zweite.test", "+41795610104"));
        var victimSelf = (await _driver.List(victim)).Single(m => m.PersonId == victim.PersonId);
        var before = await _driver.List(victim, MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated);
        var auditBefore = await _driver.Audit(victim);
        var smsBefore = Directory.GetFiles(Path.Combine(_server.DataDirectory, "sms-outbox")).Length;
        _driver.Registrar.WaitOutResendInterval();
        var missing = Guid.CreateVersion7().ToString("N");

        foreach (var foreign in new[] { pending, (await _driver.Get(victim, active.Id)), victimSelf })
        {
            foreach (var ((name, foreignCall), (_, missingCall)) in CallsWithMemberId(MemberDriver.As(attacker), foreign.Id, foreign.Etag)
                .Zip(CallsWithMemberId(MemberDriver.As(attacker), missing, foreign.Etag)))
            {
                var foreignError = await Assert.ThrowsAsync<RpcException>(foreignCall);
                var missingError = await Assert.ThrowsAsync<RpcException>(missingCall);
                var foreignStatus = await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", () => Task.FromException(foreignError));
                var missingStatus = await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", () => Task.FromException(missingError));
                Assert.True(foreignStatus.Equals(missingStatus), $"{name}: {foreignStatus} differs from {missingStatus}");
                Assert.Equal(foreignError.Status.Detail, missingError.Status.Detail);
                Assert.Equal(DetailsBytes(missingError), DetailsBytes(foreignError));
            }
        }

        // Nothing of the other organisation changed, and no SMS went out.
        Assert.Equal(before, await _driver.List(victim, MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated));
        var auditAfter = await _driver.Audit(victim);
        Assert.Equal(auditBefore.Select(e => e.Id), auditAfter.Select(e => e.Id));
        Assert.Equal(smsBefore, Directory.GetFiles(Path.Combine(_server.DataDirectory, "sms-outbox")).Length);
        Assert.Empty(_server.Sms.To("+41795619999"));
        Assert.DoesNotContain(await _driver.Audit(attacker), e => e.TargetId == pending.Id || e.TargetId == active.Id || e.TargetId == victimSelf.Id);
    }

    [Fact]
    public async Task ANonAdministratorMember_IsRefusedEveryRpc_WithAdministratorRequired()
    {
        var admin = await _driver.Admin("admin@muster.test", "+41795610111", "701.003");
        var clerk = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("clerk@muster.test", "+41795610112", topicIds: ["contributions"]));
        var pending = (await _driver.Create(admin, MemberDriver.Request("pending@muster.test", "+41795610113"))).Response.Member;
        var clerkMember = (await _driver.List(admin)).Single(m => m.PersonId == clerk.PersonId);
        var listBefore = await _driver.List(admin);
        var auditBefore = await _driver.Audit(admin);
        _driver.Registrar.WaitOutResendInterval();
        var bearer = MemberDriver.As(clerk);
        // The session works: it is only the right that is missing.
        Assert.False((await _driver.SignIn.Sessions.WhoAmIAsync(new(), bearer)).Administrator);

        var calls = new List<(string Name, Func<Task> Call)>
        {
            ("ListMembers", async () => await Members.ListMembersAsync(new(), bearer)),
            ("CreateMember", async () => await Members.CreateMemberAsync(MemberDriver.Request("new@muster.test", "+41795610114"), bearer)),
            ("ListGrantableTopics", async () => await Members.ListGrantableTopicsAsync(new(), bearer)),
            ("ListOrganizationAuditEvents", async () => await Members.ListOrganizationAuditEventsAsync(new(), bearer)),
        };
        calls.AddRange(CallsWithMemberId(bearer, pending.Id, pending.Etag));
        calls.AddRange(CallsWithMemberId(bearer, clerkMember.Id, clerkMember.Etag));

        foreach (var (name, call) in calls)
        {
            var exception = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(exception.StatusCode == StatusCode.PermissionDenied, $"{name}: {exception.Status}");
            await RpcAssert.Fails(StatusCode.PermissionDenied, "ADMINISTRATOR_REQUIRED", () => Task.FromException(exception));
        }

        Assert.Equal(listBefore, await _driver.List(admin));
        Assert.Equal(auditBefore.Select(e => e.Id), (await _driver.Audit(admin)).Select(e => e.Id));
        Assert.Empty(_server.Sms.To("+41795610114"));
        Assert.Single(_server.Sms.To("+41795610113"));
    }

    [Fact]
    public async Task WithoutASession_EveryRpcFailsWithSessionRequired_AndWithABadOneSessionInvalid()
    {
        var admin = await _driver.Admin("nosession-admin@muster.test", "+41795610121", "701.004");
        var self = Assert.Single(await _driver.List(admin));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Members.ListMembersAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Members.GetMemberAsync(new() { MemberId = self.Id }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED",
            Members.CreateMemberAsync(MemberDriver.Request("x@muster.test", "+41795610122")));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Members.ListMembersAsync(new(), RpcAssert.Bearer("not-a-session")));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Members.DeactivateMemberAsync(new() { MemberId = self.Id }, RpcAssert.Bearer("not-a-session")));
        Assert.Empty(_server.Sms.To("+41795610122"));
    }

    [Fact]
    public async Task AnotherOrganizationsAuditLog_AndMembers_AreNotListed()
    {
        var first = await _driver.Admin("first@muster.test", "+41795610131", "701.005", "Erste AG");
        var second = await _driver.Admin("second@muster.test", "+41795610132", "701.006", "Zweite AG");
        var theirs = (await _driver.Create(second, MemberDriver.Request("theirs@zweite.test", "+41795610133"))).Response.Member;

        var members = await _driver.List(first, MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated);
        Assert.Equal(new[] { first.PersonId }, members.Select(m => m.PersonId));
        Assert.Empty((await Members.ListMembersAsync(new() { Query = "theirs" }, MemberDriver.As(first))).Members);
        var audit = await _driver.Audit(first);
        Assert.All(audit, e => Assert.Equal(first.OrganizationId, e.OrganizationId));
        Assert.DoesNotContain(audit, e => e.TargetId == theirs.Id || e.TargetId == theirs.PersonId);
    }

    private static byte[] DetailsBytes(RpcException exception) =>
        exception.Trailers.Get("grpc-status-details-bin")?.ValueBytes ?? throw new InvalidOperationException("No status details in the trailers.");
}
