using Connect.Grpc.Messaging;
using Connect.V1;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>The printed letter: what it says, in which language, and that its QR code and code work.</summary>
public sealed class LetterPdfTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly Registrar _registrar;

    public LetterPdfTests(ClassServer shared)
    {
        _server = shared.Server;
        _registrar = new Registrar(_server, shared.Channel);
    }

    private async Task<(string Operator, Connect.V1.Organization Organization)> AddressedOrganization(string affiliateNumber, string name,
        string language, Connect.Grpc.Domain.OrganizationContact? contact = null)
    {
        var operatorToken = await _registrar.OperatorToken();
        var organization = await _registrar.Organization(operatorToken, affiliateNumber, name);
        _server.SetContact(organization.Id, contact ?? OrganizationSetup.Address(), language);
        return (operatorToken, organization);
    }

    [Fact]
    public async Task LetterInvitation_ReturnsOnePagePdf_WithNameCodeAddressValidityAndSupport()
    {
        var (operatorToken, organization) = await AddressedOrganization("401.001", "Boulangerie Dupont & Fils SA", "fr");

        var response = await _registrar.Letter(operatorToken, organization.Id);

        var page = Assert.Single(LetterPdf.Read(response.LetterPdf.ToByteArray()));
        Assert.Contains("Boulangerie Dupont & Fils SA", page.Text);
        Assert.Contains(response.AccessCode, page.Text); // as printed: ABCD-EFGH-JKLM
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", response.AccessCode);
        var validUntil = SwissTime.Date(response.Invitation.ExpireTime.ToDateTime());
        Assert.Contains($"Valable jusqu'au {validUntil}", page.Text);
        Assert.Contains("À l'att. de Anna Muster Bahnhofstrasse 12 Postfach 340 3011 Bern", page.Text);
        Assert.Contains("http://console.test/register ", page.Text); // the page to type the code into, without the code
        Assert.DoesNotContain("register?code", page.Text);
        Assert.Contains("+41 31 390 23 25", page.Text);
        Assert.Contains("Département Contributions", page.Text);
        Assert.Contains("jours ouvrables, 7h30–16h00", page.Text);
        Assert.Contains("Français, Deutsch, Italiano, English", page.Text);
        Assert.Contains("Votre code d'accès", page.Text);
        Assert.Contains($"Berne, le {SwissTime.Date(response.Invitation.CreateTime.ToDateTime())}", page.Text);
        Assert.DoesNotContain("SUISSE", page.Text); // no country line for a Swiss address
    }

    [Fact]
    public async Task LetterQrImage_DecodesToTheRegistrationLinkWithTheCode()
    {
        var (operatorToken, organization) = await AddressedOrganization("401.002", "Muster AG", "de");

        var response = await _registrar.Letter(operatorToken, organization.Id);

        var page = Assert.Single(LetterPdf.Read(response.LetterPdf.ToByteArray()));
        Assert.Equal(2, page.Images.Count); // the logo and the QR code
        var link = Assert.Single(page.QrCodes);
        Assert.Equal("http://console.test/register?code=" + response.AccessCode, link);
        Assert.Equal(response.RegistrationUri, link);
    }

    [Fact]
    public async Task GermanOrganization_GetsTheLetterInGerman_WithTheCountryOfAForeignAddress()
    {
        var contact = OrganizationSetup.Address("Hans Meier", "DE");
        contact.PostalCode = "78462";
        contact.Locality = "Konstanz";
        var (operatorToken, organization) = await AddressedOrganization("401.003", "Grenzgänger GmbH", "de", contact);

        var response = await _registrar.Letter(operatorToken, organization.Id);

        var text = Assert.Single(LetterPdf.Read(response.LetterPdf.ToByteArray())).Text;
        Assert.Contains("Ihr Zugangscode", text);
        Assert.Contains("Sehr geehrte Damen und Herren", text);
        Assert.Contains($"Gültig bis am {SwissTime.Date(response.Invitation.ExpireTime.ToDateTime())}", text);
        Assert.Contains("Abteilung Beiträge", text);
        Assert.Contains("Werktage, 7.30–16.00 Uhr", text);
        Assert.Contains("z. H. Hans Meier", text);
        Assert.Contains("78462 Konstanz DEUTSCHLAND", text);
        Assert.Contains("Freundliche Grüsse", text);
        Assert.DoesNotContain("Votre", text);
        Assert.DoesNotContain("Madame", text);
        Assert.Contains(response.AccessCode, text);
    }

    [Theory]
    [InlineData("it", "Il Suo codice d'accesso", "Valido fino al", "Dipartimento Contributi")]
    [InlineData("en", "Your access code", "Valid until", "Contributions department")]
    public async Task ItalianAndEnglishOrganizations_GetTheirLanguage(string language, string codeLabel, string validity, string department)
    {
        var (operatorToken, organization) = await AddressedOrganization(_server.Unique("401.004"), "Garage Rossi SA", language);

        var response = await _registrar.Letter(operatorToken, organization.Id);

        var text = Assert.Single(LetterPdf.Read(response.LetterPdf.ToByteArray())).Text;
        Assert.Contains(codeLabel, text);
        Assert.Contains($"{validity} {SwissTime.Date(response.Invitation.ExpireTime.ToDateTime())}", text);
        Assert.Contains(department, text);
        Assert.Contains(response.AccessCode, text);
    }

    [Fact]
    public async Task TheCodeReadFromTheLetter_RegistersTheAdministrator()
    {
        var (operatorToken, organization) = await AddressedOrganization("401.005", "Schreinerei Holz AG", "de");
        var response = await _registrar.Letter(operatorToken, organization.Id);

        var printed = TestCodes.AccessCode(Assert.Single(LetterPdf.Read(response.LetterPdf.ToByteArray())).Text)!;
        var finished = await _registrar.RegisterNew(printed, "chef@holz.test", "+41795560001");

        Assert.False(string.IsNullOrEmpty(finished.SessionToken));
        var listed = (await _registrar.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id },
            RpcAssert.Bearer(operatorToken))).Invitations;
        Assert.Equal(InvitationState.Redeemed, Assert.Single(listed).State);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("it")]
    [InlineData("en")]
    public async Task LongestLetter_FitsItsPage_WithoutOverlaps_InEveryLanguage(string language)
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?>
        {
            ["Connect:Fund:Name"] = "Ausgleichskasse des Kantons Bern – Caisse de compensation du canton de Berne",
            ["Connect:Support:Email"] = "beitraege.cotisations@ausgleichskasse-bern.example.ch",
        });
        var registrar = new Registrar(server, server.CreateChannel());
        var operatorToken = await registrar.Operator();
        var organization = await registrar.Organization(operatorToken, _server.Unique("401.006"), string.Join(" ", Enumerable.Repeat("Wirtschaftsgenossenschaft", 8))[..200]);
        server.SetContact(organization.Id, new()
        {
            PersonName = new string('M', 100),
            AddressLines = [new string('S', 100), "Postfach 1234", "c/o Treuhand Beispiel AG"],
            PostalCode = "1234-5678",
            Locality = "Sankt Gallen-Kappel am Albis im Toggenburg",
            CountryCode = "AT",
        }, language);

        var page = Assert.Single(LetterPdf.Read((await registrar.Letter(operatorToken, organization.Id)).LetterPdf.ToByteArray()));

        Assert.Contains("beitraege.cotisations@ausgleichskasse-bern.example.ch", page.Text);
        Assert.Contains("Ausgleichskasse des Kantons Bern", page.Text);
        var boxes = page.Words.Select(w => (w.Text, Box: w.BoundingBox)).ToList();
        foreach (var (text, box) in boxes)
        {
            Assert.True(box.Left >= 0 && box.Right <= page.MediaBox.Width && box.Bottom >= 0 && box.Top <= page.MediaBox.Height, $"'{text}' is off the page");
            var overlap = boxes.FirstOrDefault(o => o.Box != box && Overlap(o.Box, box));
            Assert.True(overlap.Text is null, $"'{text}' overlaps '{overlap.Text}'");
            Assert.DoesNotContain(page.Images, image => Overlap(image.Box, box));
        }
    }

    // A hair of tolerance: glyph boxes of neighbouring lines touch.
    private static bool Overlap(UglyToad.PdfPig.Core.PdfRectangle a, UglyToad.PdfPig.Core.PdfRectangle b) =>
        a.Left < b.Right - 0.5 && b.Left < a.Right - 0.5 && a.Bottom < b.Top - 0.5 && b.Bottom < a.Top - 0.5;
}
