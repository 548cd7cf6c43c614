using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>
/// The organisation pages' other work and refusals: suspending with a reason and reopening, an edit someone else made
/// stale, a person who is no operator, and the pages in German.
/// </summary>
[Collection(OrganizationsCollection.Name)]
public sealed class OrganizationPagesBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Suspend_NeedsAReason_StopsInvitations_AndReopenGivesThemBack() => system.RunAsync(async () =>
    {
        var organization = await OrganizationsCollection.CreateAsync(system, "Menuiserie Blanc SA", "300.300.001");
        var detail = $"/operator/organizations/{organization.Id}";
        OrganizationsCollection.SignedInAt(system, detail, await system.OperatorAsync());
        Assert.True(Browser.Exists("#invite-email"));

        Browser.Submit("#suspend button[type=submit]");
        Assert.Equal("Saisissez le motif.", Browser.ErrorMessage("#suspend .field-error"));
        Assert.Equal("Active", Browser.Text(".organization-state"));
        Browser.Fill("Input.Reason", "Cessation d'activité annoncée");
        Browser.Submit("#suspend button[type=submit]");
        // Asked apart first, with the reason typed; nothing changed yet.
        Assert.Equal("Suspendre Menuiserie Blanc SA ?", Browser.Text(".confirmation h2"));
        Assert.Contains("Cessation d'activité annoncée", Browser.Text(".confirmation"));
        Assert.Equal("Active", Browser.Text(".organization-state"));
        Browser.Submit("#confirm-suspend button[type=submit]");
        Browser.ExpectPath(detail);
        Assert.Contains("L'organisation Menuiserie Blanc SA a été suspendue.", Browser.MainText);
        Assert.StartsWith("Suspendue depuis le ", Browser.Text(".organization-state"));
        Assert.False(Browser.Exists("#invite-email"));
        Assert.False(Browser.Exists("#invite-letter"));
        Assert.Contains("Une organisation suspendue ne reçoit pas d'invitation.", Browser.Text("#invitations"));

        // The list's state filter finds it among the suspended.
        Browser.Open(system.ConsoleUrl("/operator/organizations?state=suspended"));
        Assert.Contains("Menuiserie Blanc SA", Browser.Texts("#organizations td.organization-name"));
        Browser.Open(system.ConsoleUrl("/operator/organizations?state=active&q=Menuiserie"));
        Assert.Contains("Aucune organisation trouvée.", Browser.Text("#organizations"));

        Browser.Open(system.ConsoleUrl(detail));
        Browser.Submit("#reopen button[type=submit]");
        Assert.Equal("Saisissez le motif.", Browser.ErrorMessage("#reopen .field-error"));
        Browser.Fill("Input.Reason", "Activité reprise");
        Browser.Submit("#reopen button[type=submit]");
        Assert.Contains("L'organisation Menuiserie Blanc SA a été rouverte.", Browser.MainText);
        Assert.Equal("Active", Browser.Text(".organization-state"));

        // An e-mail invitation, sent again with a new code (the old one dies), then revoked.
        Browser.Fill("Input.Email", "pierre.blanc@menuiserie.example.ch");
        Browser.Submit("#invite-email button[type=submit]");
        Assert.Contains("L'invitation a été envoyée à pierre.blanc@menuiserie.example.ch", Browser.MainText);
        Assert.Equal("En attente", Browser.Text(".invitation-state"));
        Browser.Submit(".invitation-resend button[type=submit]");
        Assert.Contains("Un nouveau code a été envoyé à pierre.blanc@menuiserie.example.ch", Browser.MainText);
        Assert.Equal(["En attente", "Révoquée"], Browser.Texts(".invitation-state"));
        Assert.StartsWith("Remplacée par un nouveau code le ", Browser.Text(".invitation-revoked"));
        Browser.Submit(".invitation-revoke button[type=submit]");
        Assert.Contains("L'invitation a été révoquée", Browser.MainText);
        Assert.Equal(["Révoquée", "Révoquée"], Browser.Texts(".invitation-state"));
        Assert.False(Browser.Exists(".invitation-resend"));
    });

    [Fact]
    public Task Edit_OfAnOrganizationSomeoneElseChanged_AsksToReload() => system.RunAsync(async () =>
    {
        var organization = await OrganizationsCollection.CreateAsync(system, "Imprimerie Duc", "300.400.001");
        var edit = $"/operator/organizations/{organization.Id}/edit";
        OrganizationsCollection.SignedInAt(system, edit, await system.OperatorAsync());
        Assert.Equal("300.400.001", Browser.Text(".organization-affiliate-number"));
        Assert.Equal("Avenue de la Gare 10", Browser.ValueOf("Input.AddressLines"));
        Browser.Fill("Input.DisplayName", "Imprimerie Duc & Fils");

        // Meanwhile another operator moves the organisation.
        using (var asOperator = await OrganizationsCollection.AsOperatorAsync(system))
        {
            var organizations = asOperator.GetRequiredService<ConnectOrganizationClient>();
            var current = await organizations.GetOrganizationAsync(organization.Id);
            current.Contact.Locality = "Vevey";
            await organizations.UpdateOrganizationAsync(current, ["contact"]);
        }
        Browser.Submit("#edit-organization button[type=submit]");
        Browser.ExpectPath(edit);
        Assert.Contains("Cette organisation a été modifiée entre-temps par quelqu'un d'autre.", Browser.Text(".alert-error"));

        Browser.Click("#reload");
        Assert.Equal("Vevey", Browser.ValueOf("Input.Locality"));
        Browser.Fill("Input.DisplayName", "Imprimerie Duc & Fils");
        Browser.SetChecked("input[name='Input.TopicIds'][value='family-allowances']", true);
        Browser.Submit("#edit-organization button[type=submit]");
        Browser.ExpectPath($"/operator/organizations/{organization.Id}");
        Assert.Contains("Les modifications ont été enregistrées.", Browser.MainText);
        Assert.Equal("Imprimerie Duc & Fils", Browser.Text("main h1"));
        Assert.Contains("1003 Vevey", Browser.Text(".organization-address"));
        Assert.Equal("Cotisations, Allocations familiales", Browser.Text(".organization-topics"));

        // A number in use is refused next to its field.
        Browser.Open(system.ConsoleUrl("/operator/organizations/new"));
        Browser.Fill("Input.DisplayName", "Imprimerie Duc bis");
        Browser.Fill("Input.AffiliateNumber", "300.400.001");
        Browser.Submit("#new-organization button[type=submit]");
        Assert.Equal("Ce numéro d'affilié appartient déjà à une autre organisation.",
            Browser.ErrorMessage("#new-organization [data-valmsg-for='Input.AffiliateNumber']"));
    });

    [Fact]
    public Task OrganizationPages_ForSomeoneWhoIsNoOperator_SayOnlyOperatorsMay() => system.RunAsync(async () =>
    {
        var administrator = await system.RegisterAsync(
            new TestPerson("Sara", "Keller", "sara.keller@keller.example.ch", "+41 79 600 00 11", "Sara administre sa propre maison"));
        OrganizationsCollection.SignedInAt(system, "/operator/organizations", administrator);
        Browser.ExpectPath("/operator/operators-only");
        Assert.Equal("Cette fonction est réservée aux collaborateurs de la caisse.", Browser.Text("#operators-only"));
        Browser.Open(system.ConsoleUrl("/operator/organizations/import"));
        Browser.ExpectPath("/operator/operators-only");
        Browser.Open(system.ConsoleUrl("/operator/organizations/new"));
        Browser.ExpectPath("/operator/operators-only");
    });

    [Fact]
    public Task OrganizationPages_SpeakGerman() => system.RunAsync(async () =>
    {
        var organization = await OrganizationsCollection.CreateAsync(system, "Bäckerei Huber GmbH", "300.500.001");
        OrganizationsCollection.SignedInAt(system, "/operator/organizations?q=300.500", await system.OperatorAsync());
        Browser.Submit("button[name=culture][value=de]");
        try
        {
            Assert.Equal("Organisationen", Browser.Text("main h1"));
            Assert.Equal("Aktiv", Browser.Text("#organizations td.organization-state"));
            Assert.Contains("Briefe drucken", Browser.Text("#print-letters"));
            Browser.Click("#organizations td.organization-name a");
            Browser.ExpectPath($"/operator/organizations/{organization.Id}");
            Assert.Contains("Bisher keine Einladung.", Browser.Text("#invitations"));
            Assert.Equal("Einladungsbrief", Browser.Text("#invite-letter button"));
            Browser.Submit("#suspend button[type=submit]");
            Assert.Equal("Geben Sie den Grund ein.", Browser.ErrorMessage("#suspend .field-error"));
        }
        finally
        {
            Browser.Submit("button[name=culture][value=fr]");
        }
    });
}
