using Connect.Client;
using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Client.Tests;

/// <summary>The state rules the client package tells pages are the ones the server enforces, state by state.</summary>
public sealed class ConnectRulesTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public ConnectRulesTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private MemberDriver Driver => _desk.Members;

    [Fact]
    public async Task MemberRules_AnswerAsTheServer_InEveryState()
    {
        var admin = await Driver.Admin("rules-admin@muster.test", "+41795590301", "503.001");
        var pendingPhone = (await Driver.Create(admin, MemberDriver.Request("rules-phone@muster.test", "+41795590302"))).Response.Member;
        var pendingActivation = await Driver.Verified(admin, MemberDriver.Request("rules-activation@muster.test", "+41795590303"));
        var active = await Driver.Active(admin, MemberDriver.Request("rules-active@muster.test", "+41795590304"));
        Task Deactivate(string id) => Driver.Members.DeactivateMemberAsync(new() { MemberId = id }, MemberDriver.As(admin)).ResponseAsync;
        Task Reactivate(string id) => Driver.Members.ReactivateMemberAsync(new() { MemberId = id }, MemberDriver.As(admin)).ResponseAsync;

        // The active member is the last: deactivating it leaves one more state to ask about.
        foreach (var member in new[] { pendingPhone, pendingActivation, await Driver.Get(admin, active.Id) })
        {
            Assert.Equal(ConnectRules.MayReactivate(member.State), await Allowed(() => Reactivate(member.Id), "MEMBER_STATE_INVALID"));
            Assert.Equal(ConnectRules.MayDeactivate(member.State), await Allowed(() => Deactivate(member.Id), "MEMBER_STATE_INVALID"));
        }
        var deactivated = await Driver.Get(admin, active.Id);
        Assert.Equal(MemberState.Deactivated, deactivated.State);
        Assert.Equal(ConnectRules.MayDeactivate(deactivated.State), await Allowed(() => Deactivate(deactivated.Id), "MEMBER_STATE_INVALID"));
        Assert.Equal(ConnectRules.MayReactivate(deactivated.State), await Allowed(() => Reactivate(deactivated.Id), "MEMBER_STATE_INVALID"));
    }

    [Fact]
    public async Task OrganizationAndInvitationRules_AnswerAsTheServer()
    {
        var bearer = await _desk.Operator();
        var invitations = _desk.Registrar.Invitations;
        var fund = Assert.Single((await _desk.Organizations.ListOrganizationsAsync(new(), bearer)).Organizations, o => o.Fund);
        var organization = await _desk.Create("503.101");
        Task Suspend(string id) => _desk.Organizations.SuspendOrganizationAsync(new() { Id = id, Reason = "rules" }, bearer).ResponseAsync;
        Task<CreateInvitationResponse> Invite(string email) =>
            invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = email }, bearer).ResponseAsync;
        Task Revoke(string id) => invitations.RevokeInvitationAsync(new() { Id = id }, bearer).ResponseAsync;

        Assert.Equal(ConnectRules.MaySuspend(fund), await Allowed(() => Suspend(fund.Id), "FUND_ORGANIZATION_PROTECTED"));
        Assert.Equal(ConnectRules.MayInvite(organization.State), await Allowed(() => Invite("rules-first@muster.test"), "ORGANIZATION_SUSPENDED"));
        var invitation = (await Invite("rules-second@muster.test")).Invitation;
        Assert.Equal(ConnectRules.MayRevoke(invitation.State), await Allowed(() => Revoke(invitation.Id), "INVITATION_NOT_PENDING"));
        var revoked = Assert.Single((await invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations, i => i.Id == invitation.Id);
        Assert.Equal(ConnectRules.MayRevoke(revoked.State), await Allowed(() => Revoke(revoked.Id), "INVITATION_NOT_PENDING"));

        Assert.Equal(ConnectRules.MaySuspend(organization), await Allowed(() => Suspend(organization.Id), "ORGANIZATION_STATE_INVALID"));
        var suspended = await _desk.Get(organization.Id);
        Assert.Equal(ConnectRules.MaySuspend(suspended), await Allowed(() => Suspend(suspended.Id), "ORGANIZATION_STATE_INVALID"));
        Assert.Equal(ConnectRules.MayInvite(suspended.State), await Allowed(() => Invite("rules-third@muster.test"), "ORGANIZATION_SUSPENDED"));
    }

    /// <summary>True when the server did it, false when it refused with <paramref name="refusal"/>; anything else fails the test.</summary>
    private static async Task<bool> Allowed(Func<Task> call, string refusal)
    {
        try
        {
            await call();
            return true;
        }
        catch (RpcException refused) when (refused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason == refusal)
        {
            return false;
        }
    }
}
