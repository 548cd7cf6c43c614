using Connect.Grpc.Domain;
using Grpc.Core;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>What the invitation tests share: the operator, organisations ready for letters, and a look at what was written.</summary>
public sealed class InvitationTestKit(ConnectServerFactory server)
{
    public Registrar Registrar { get; } = new(server, server.CreateChannel());

    public Connect.V1.InvitationService.InvitationServiceClient Invitations => Registrar.Invitations;

    private string? _operatorToken;

    public async Task<Metadata> Operator() => RpcAssert.Bearer(_operatorToken ??= await Registrar.Operator());

    /// <summary>A new organisation (German) with a postal address, ready for letters.</summary>
    public async Task<Connect.V1.Organization> Organization(string affiliateNumber, string name = "Muster AG", string language = "de")
    {
        await Operator();
        var organization = await Registrar.Organization(_operatorToken!, affiliateNumber, name);
        server.SetContact(organization.Id, OrganizationSetup.Address(), language);
        return organization;
    }

    /// <summary>A new organisation without any postal address.</summary>
    public async Task<Connect.V1.Organization> OrganizationWithoutAddress(string affiliateNumber)
    {
        await Operator();
        return await Registrar.Organization(_operatorToken!, affiliateNumber);
    }

    /// <summary>The organisation's invitations and invitation audit events in the store: what a refused call must not have added to.</summary>
    public (int Invitations, int Events) Written(string organizationId) => (
        server.Stored<Invitation>().Count(i => i.OrganizationId == organizationId),
        server.Stored<AuditEvent>().Count(e => e.OrganizationId == organizationId && e.Action.StartsWith("invitation.", StringComparison.Ordinal)));

    public Invitation Stored(string invitationId) => server.Store().Read(r => r.Get<Invitation>(invitationId))!;

    public IReadOnlyList<AuditEvent> Events(string organizationId, string action) =>
        [.. server.Stored<AuditEvent>().Where(e => e.OrganizationId == organizationId && e.Action == action)];
}
