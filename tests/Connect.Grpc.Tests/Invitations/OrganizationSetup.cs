using Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>
/// Puts organisations into states through the server's store: a contact and language, a suspension. Only the states
/// themselves are set here; every invitation is then issued through the API.
/// </summary>
public static class OrganizationSetup
{
    public static OrganizationContact Address(string personName = "Anna Muster", string countryCode = "CH") => new()
    {
        PersonName = personName,
        AddressLines = ["Bahnhofstrasse 12", "Postfach 340"],
        PostalCode = "3011",
        Locality = "Bern",
        CountryCode = countryCode,
    };

    public static void SetContact(this ConnectServerFactory server, string organizationId, OrganizationContact contact, string? language = null) =>
        Change(server, organizationId, o =>
        {
            o.Contact = contact;
            if (language is not null) o.Language = language;
        });

    public static void Suspend(this ConnectServerFactory server, string organizationId) =>
        Change(server, organizationId, o => o.Suspend(server.Time.GetUtcNow().UtcDateTime));

    private static void Change(ConnectServerFactory server, string organizationId, Action<Organization> change) =>
        server.Store().Write(w =>
        {
            var organization = w.Get<Organization>(organizationId) ?? throw new InvalidOperationException("No such organisation.");
            change(organization);
            w.Update(organization);
            return organization;
        });
}
