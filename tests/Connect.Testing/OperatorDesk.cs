using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;
using DomainAuditEvent = Connect.Grpc.Domain.AuditEvent;
using DomainOrganization = Connect.Grpc.Domain.Organization;

namespace Connect.Testing;

/// <summary>The fund operator's side of the tests: the organisation service with the operator's session, and a look at what was stored.</summary>
public sealed class OperatorDesk(IConnectUnderTest server, GrpcChannel channel)
{
    public MemberDriver Members { get; } = new(server, channel);
    public SignInDriver SignIn => Members.SignIn;
    public Registrar Registrar => Members.Registrar;
    public OrganizationService.OrganizationServiceClient Organizations => Registrar.Organizations;

    /// <summary>The operator's bearer metadata (registered on first use).</summary>
    public async Task<Metadata> Operator() => RpcAssert.Bearer(await SignIn.OperatorToken());

    /// <summary>An organisation made by the operator.</summary>
    public async Task<Organization> Create(string affiliateNumber, string name = "Muster AG", OrganizationContact? contact = null, params string[] topicIds)
    {
        var request = new CreateOrganizationRequest { DisplayName = name, AffiliateNumber = affiliateNumber, Language = Language.De, Contact = contact };
        request.TopicIds.AddRange(topicIds);
        return (await Organizations.CreateOrganizationAsync(request, await Operator())).Organization;
    }

    public async Task<Organization> Get(string id) => (await Organizations.GetOrganizationAsync(new() { Id = id }, await Operator())).Organization;

    /// <summary>The stored organisations (the fund's included).</summary>
    public IReadOnlyList<DomainOrganization> Stored() =>
        server.Stored<DomainOrganization>();

    /// <summary>The audit events of an organisation with the action, oldest first.</summary>
    public IReadOnlyList<DomainAuditEvent> Events(string organizationId, string action) =>
        server.Stored<DomainAuditEvent>().Where(e => e.OrganizationId == organizationId)
            .Where(e => e.Action == action).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Every audit event with the action, oldest first.</summary>
    public IReadOnlyList<DomainAuditEvent> Events(string action) =>
        server.Stored<DomainAuditEvent>().Where(e => e.Action == action).ToList();

    public static OrganizationContact Contact(string personName = "Anna Muster", string street = "Bahnhofstrasse 1", string postalCode = "3011",
        string locality = "Bern", string countryCode = "", string email = "", string phone = "")
    {
        var contact = new OrganizationContact
        {
            PersonName = personName, PostalCode = postalCode, Locality = locality, CountryCode = countryCode, Email = email, PhoneNumber = phone,
        };
        if (street.Length > 0) contact.AddressLines.Add(street);
        return contact;
    }
}
