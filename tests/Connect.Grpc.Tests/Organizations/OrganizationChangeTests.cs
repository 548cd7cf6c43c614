using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>Creating an organisation with its contact, and changing it with the etag and an update mask.</summary>
public sealed class OrganizationChangeTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly OperatorDesk _desk;

    public OrganizationChangeTests(ClassServer shared)
    {
        _server = shared.Server;
        _desk = new OperatorDesk(_server, shared.Channel);
    }

    private OrganizationService.OrganizationServiceClient Organizations => _desk.Organizations;

    private static UpdateOrganizationRequest Update(Organization organization, params string[] paths)
    {
        var request = new UpdateOrganizationRequest { Organization = organization };
        if (paths.Length > 0) request.UpdateMask = new FieldMask { Paths = { paths } };
        return request;
    }

    [Fact]
    public async Task CreateOrganization_WithAContact_KeepsItTrimmed_AndTheCountryUpperCased()
    {
        var contact = new OrganizationContact
        {
            PersonName = "  Anna Muster ", AddressLines = { " Bahnhofstrasse 1 ", "Postfach 12" }, PostalCode = " 3011 ", Locality = "Bern ",
            CountryCode = "li", Email = " Anna@Muster.TEST ", PhoneNumber = "+41 31 123 45 67",
        };
        var created = await _desk.Create("200.001", "  Muster AG ", contact, "contributions");

        Assert.Equal("Muster AG", created.DisplayName);
        Assert.Equal("Anna Muster", created.Contact.PersonName);
        Assert.Equal(["Bahnhofstrasse 1", "Postfach 12"], created.Contact.AddressLines);
        Assert.Equal(("3011", "Bern", "LI"), (created.Contact.PostalCode, created.Contact.Locality, created.Contact.CountryCode));
        Assert.Equal("anna@muster.test", created.Contact.Email);
        Assert.Equal("+41 31 123 45 67", created.Contact.PhoneNumber);
        Assert.Equal("W/\"1\"", created.Etag);
        Assert.Equal(created, await _desk.Get(created.Id));

        var audited = Assert.Single(_desk.Events(created.Id, "organization.created"));
        Assert.Equal("3011", audited.Details["contact.postal_code"]);
        Assert.False(audited.Details.ContainsKey("source"));

        // Without a contact: empty fields and Switzerland.
        var bare = await _desk.Create("200.002");
        Assert.Equal("CH", bare.Contact.CountryCode);
        Assert.Empty(bare.Contact.AddressLines);
        Assert.Equal("", bare.Contact.Email);
    }

    [Fact]
    public async Task CreateOrganization_WithBadContactFields_NamesEveryOne_AndWritesNothing()
    {
        var bearer = await _desk.Operator();
        var before = _desk.Stored().Count;
        var contact = new OrganizationContact
        {
            PersonName = new string('a', 101),
            AddressLines = { "1", "2", "3", "4" },
            PostalCode = "3011!",
            Locality = "Bern\u0007",
            CountryCode = "CHE",
            Email = "not an address",
            PhoneNumber = new string('1', 33),
        };
        var request = new CreateOrganizationRequest { DisplayName = "", AffiliateNumber = "bad number!", Contact = contact };

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.CreateOrganizationAsync(request, bearer));

        Assert.Equal(
            ["affiliate_number", "contact.address_lines", "contact.country_code", "contact.email", "contact.locality", "contact.person_name",
                "contact.phone_number", "contact.postal_code", "display_name"],
            status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Equal(before, _desk.Stored().Count);

        // One bad field at a time, each named alone.
        foreach (var (field, change) in new (string, Action<OrganizationContact>)[]
        {
            ("contact.address_lines", c => c.AddressLines.Add("")),
            ("contact.address_lines", c => c.AddressLines.Add(new string('x', 101))),
            ("contact.postal_code", c => c.PostalCode = new string('1', 17)),
            ("contact.country_code", c => c.CountryCode = "C1"),
            ("contact.locality", c => c.Locality = new string('x', 101)),
            ("contact.phone_number", c => c.PhoneNumber = "031\n123"),
        })
        {
            var one = OperatorDesk.Contact();
            one.AddressLines.Clear();
            change(one);
            var single = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.CreateOrganizationAsync(
                new CreateOrganizationRequest { DisplayName = "X", AffiliateNumber = "300", Contact = one }, bearer));
            Assert.Equal(field, Assert.Single(single.GetDetail<BadRequest>()!.FieldViolations).Field);
        }
        Assert.Equal(before, _desk.Stored().Count);
    }

    [Fact]
    public async Task CreateOrganization_WithATakenAffiliateNumber_FailsWithAffiliateNumberTaken()
    {
        var first = await _desk.Create("200.010", "Bäckerei Müller");
        var status = await RpcAssert.Fails(StatusCode.AlreadyExists, "AFFILIATE_NUMBER_TAKEN",
            Organizations.CreateOrganizationAsync(new() { DisplayName = "Copy", AffiliateNumber = " 200.010 " }, await _desk.Operator()));
        Assert.Contains("Bäckerei Müller", status.Message);
        Assert.Equal([first.Id], _desk.Stored().Where(o => o.AffiliateNumber == "200.010").Select(o => o.Id));
    }

    [Fact]
    public async Task UpdateOrganization_ChangesNameContactLanguageAndTopics_AndAuditsBeforeAndAfter()
    {
        var created = await _desk.Create("200.020", "Muster AG", OperatorDesk.Contact(), "contributions");
        var changed = created.Clone();
        changed.DisplayName = " Muster & Co AG ";
        changed.Contact = OperatorDesk.Contact(street: "Marktgasse 5", postalCode: "3012", email: "info@muster.test");
        changed.Language = Language.It;
        changed.TopicIds.Clear();
        changed.TopicIds.Add(["family-allowances", "contributions"]);
        changed.AffiliateNumber = "999.999";   // output-only for an update: never changed
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        var updated = (await Organizations.UpdateOrganizationAsync(Update(changed), await _desk.Operator())).Organization;

        Assert.Equal("Muster & Co AG", updated.DisplayName);
        Assert.Equal(["Marktgasse 5"], updated.Contact.AddressLines);
        Assert.Equal(("3012", "info@muster.test"), (updated.Contact.PostalCode, updated.Contact.Email));
        Assert.Equal(Language.It, updated.Language);
        Assert.Equal(["family-allowances", "contributions"], updated.TopicIds);
        Assert.Equal("200.020", updated.AffiliateNumber);
        Assert.Equal("W/\"2\"", updated.Etag);
        Assert.True(updated.UpdateTime > created.UpdateTime);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.Equal(updated, await _desk.Get(created.Id));

        var details = Assert.Single(_desk.Events(created.Id, "organization.updated")).Details;
        Assert.Equal("Muster AG → Muster & Co AG", details["display_name"]);
        Assert.Equal("Bahnhofstrasse 1 → Marktgasse 5", details["contact.address_lines"]);
        Assert.Equal("3011 → 3012", details["contact.postal_code"]);
        Assert.Equal(" → info@muster.test", details["contact.email"]);
        Assert.Equal("de → it", details["language"]);
        Assert.Equal("contributions → family-allowances,contributions", details["topic_ids"]);
        Assert.False(details.ContainsKey("contact.locality"));

        // The list finds it by its new name only.
        var found = await Organizations.ListOrganizationsAsync(new() { Query = "muster co" }, await _desk.Operator());
        Assert.Equal(created.Id, Assert.Single(found.Organizations).Id);
    }

    [Fact]
    public async Task UpdateOrganization_WithAMask_ChangesOnlyTheNamedFields_AndNothingWhenNothingChanged()
    {
        var created = await _desk.Create("200.030", "Muster AG", OperatorDesk.Contact(), "contributions");
        var changed = created.Clone();
        changed.DisplayName = "";                 // not in the mask: neither checked nor written
        changed.Contact = null;                   // not in the mask
        changed.TopicIds.Clear();                 // not in the mask
        changed.Language = Language.En;

        var updated = (await Organizations.UpdateOrganizationAsync(Update(changed, "language"), await _desk.Operator())).Organization;
        Assert.Equal(Language.En, updated.Language);
        Assert.Equal("Muster AG", updated.DisplayName);
        Assert.Equal(created.Contact, updated.Contact);
        Assert.Equal(["contributions"], updated.TopicIds);

        // The same values again: no new version, no event.
        var same = (await Organizations.UpdateOrganizationAsync(Update(updated), await _desk.Operator())).Organization;
        Assert.Equal(updated.Etag, same.Etag);
        Assert.Single(_desk.Events(created.Id, "organization.updated"));

        // An empty contact in the mask clears it (Switzerland stays the country).
        var cleared = updated.Clone();
        cleared.Contact = null;
        var without = (await Organizations.UpdateOrganizationAsync(Update(cleared, "contact"), await _desk.Operator())).Organization;
        Assert.Empty(without.Contact.AddressLines);
        Assert.Equal("CH", without.Contact.CountryCode);
    }

    [Fact]
    public async Task UpdateOrganization_BadInput_FailsWithReasons_AndWritesNothing()
    {
        var bearer = await _desk.Operator();
        var created = await _desk.Create("200.040", "Muster AG", OperatorDesk.Contact(), "contributions");
        var changed = created.Clone();
        changed.DisplayName = "Neuer Name";
        var updated = (await Organizations.UpdateOrganizationAsync(Update(changed, "display_name"), bearer)).Organization;

        // The etag read before the change is stale now.
        var stale = created.Clone();
        stale.DisplayName = "Lost Update";
        await RpcAssert.Fails(StatusCode.Aborted, "ETAG_MISMATCH", Organizations.UpdateOrganizationAsync(Update(stale), bearer));
        var noEtag = updated.Clone();
        noEtag.Etag = "";
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(Update(noEtag), bearer));
        Assert.Equal("organization.etag", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(new(), bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(Update(updated, "affiliate_number"), bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(Update(updated, "fund"), bearer));

        var badContact = updated.Clone();
        badContact.Contact.PostalCode = "30 11 / 12";
        badContact.Contact.CountryCode = "Schweiz";
        status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(Update(badContact), bearer));
        Assert.Equal(["organization.contact.country_code", "organization.contact.postal_code"],
            status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));

        var badName = updated.Clone();
        badName.DisplayName = new string('x', 201);
        status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Organizations.UpdateOrganizationAsync(Update(badName), bearer));
        Assert.Equal("organization.display_name", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);

        var unknownTopic = updated.Clone();
        unknownTopic.TopicIds.Add("astrology");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Organizations.UpdateOrganizationAsync(Update(unknownTopic), bearer));

        var missing = updated.Clone();
        missing.Id = "0000000000000000";
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", Organizations.UpdateOrganizationAsync(Update(missing), bearer));

        Assert.Equal(updated, await _desk.Get(created.Id));
        Assert.Single(_desk.Events(created.Id, "organization.updated"));
    }
}
