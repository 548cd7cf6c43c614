using Grpc.Core;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>Every invitation RPC is for fund operators: no session, a bad one, or an employer's administrator is refused.</summary>
public sealed class InvitationAccessTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly InvitationTestKit _kit;

    public InvitationAccessTests(ClassServer shared)
    {
        _server = shared.Server;
        _kit = new InvitationTestKit(_server, shared.Channel);
    }

    private IEnumerable<(string Name, Func<Metadata?, Task> Call)> EveryRpc(string organizationId, string invitationId)
    {
        var invitations = _kit.Invitations;
        yield return ("CreateInvitation (letter)", m => invitations.CreateInvitationAsync(new() { OrganizationId = organizationId, Letter = new() }, m).ResponseAsync);
        yield return ("CreateInvitation (e-mail)", m => invitations.CreateInvitationAsync(new() { OrganizationId = organizationId, Email = "x@muster.test" }, m).ResponseAsync);
        yield return ("CreateLetterInvitations", m => invitations.CreateLetterInvitationsAsync(new() { OrganizationIds = { organizationId } }, m).ResponseAsync);
        yield return ("ResendInvitation", m => invitations.ResendInvitationAsync(new() { Id = invitationId }, m).ResponseAsync);
        yield return ("ListInvitations", m => invitations.ListInvitationsAsync(new() { OrganizationId = organizationId }, m).ResponseAsync);
        yield return ("RevokeInvitation", m => invitations.RevokeInvitationAsync(new() { Id = invitationId }, m).ResponseAsync);
    }

    [Fact]
    public async Task EveryRpc_WithoutSessionOrWithABadOne_FailsUnauthenticated_AndWithAnAdministratorsSession_FailsWithOperatorRequired()
    {
        var operatorBearer = await _kit.Operator();
        var organization = await _kit.Organization("801.001");
        var pending = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, operatorBearer)).Invitation;
        var other = await _kit.Organization("801.002");
        var adminCode = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = other.Id, Letter = new() }, operatorBearer)).AccessCode;
        var admin = await _kit.Registrar.RegisterNew(adminCode, "chef@other.test", "+41795600001");
        var before = _kit.Written(organization.Id);

        foreach (var (name, call) in EveryRpc(organization.Id, pending.Id))
        {
            var status = await Record(call(null));
            Assert.True(status == (StatusCode.Unauthenticated, "SESSION_REQUIRED"), $"{name} without a session: {status}");
            status = await Record(call(RpcAssert.Bearer(new string('A', 43))));
            Assert.True(status == (StatusCode.Unauthenticated, "SESSION_INVALID"), $"{name} with a made-up session: {status}");
            status = await Record(call(RpcAssert.Bearer(admin.SessionToken)));
            Assert.True(status == (StatusCode.PermissionDenied, "OPERATOR_REQUIRED"), $"{name} as an employer's administrator: {status}");
        }

        Assert.Equal(before, _kit.Written(organization.Id));
        Assert.Null(_kit.Stored(pending.Id).RevokedAt);
    }

    private static async Task<(StatusCode, string)> Record(Task call)
    {
        try
        {
            await call;
            return (StatusCode.OK, "");
        }
        catch (RpcException e)
        {
            var info = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
            return (e.StatusCode, info?.Reason ?? "");
        }
    }
}
