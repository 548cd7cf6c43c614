using Connect.Grpc.Domain;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>What the invitation tests share: the operator, organisations ready for letters, and a look at what was written.</summary>
public sealed class InvitationTestKit(ConnectServerFactory server, GrpcChannel channel)
{
    private readonly SignInDriver _people = new(server, channel);

    public Registrar Registrar => _people.Registrar;

    public Connect.V1.InvitationService.InvitationServiceClient Invitations => Registrar.Invitations;

    public async Task<Metadata> Operator() => RpcAssert.Bearer(await _people.OperatorToken());

    /// <summary>A new organisation (German) with a postal address, ready for letters.</summary>
    public async Task<Connect.V1.Organization> Organization(string affiliateNumber, string name = "Muster AG", string language = "de")
    {
        var organization = await Registrar.Organization(await _people.OperatorToken(), affiliateNumber, name);
        server.SetContact(organization.Id, OrganizationSetup.Address(), language);
        return organization;
    }

    /// <summary>A new organisation without any postal address.</summary>
    public async Task<Connect.V1.Organization> OrganizationWithoutAddress(string affiliateNumber)
    {
        return await Registrar.Organization(await _people.OperatorToken(), affiliateNumber);
    }

    /// <summary>The organisation's invitations and invitation audit events in the store: what a refused call must not have added to.</summary>
    public (int Invitations, int Events) Written(string organizationId) => (
        server.Stored<Invitation>().Count(i => i.OrganizationId == organizationId),
        server.Stored<AuditEvent>().Count(e => e.OrganizationId == organizationId && e.Action.StartsWith("invitation.", StringComparison.Ordinal)));

    public Invitation Stored(string invitationId) => server.Store().Read(r => r.Get<Invitation>(invitationId))!;

    public IReadOnlyList<AuditEvent> Events(string organizationId, string action) =>
        [.. server.Stored<AuditEvent>().Where(e => e.OrganizationId == organizationId && e.Action == action)];
}
