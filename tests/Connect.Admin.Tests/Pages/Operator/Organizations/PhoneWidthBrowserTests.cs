using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>The main pages at a phone's width (390 px): usable without scrolling the page sideways.</summary>
[Collection(OrganizationsCollection.Name)]
public sealed class PhoneWidthBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task MainPages_At390Pixels_DoNotScrollSideways() => system.RunAsync(async () =>
    {
        var organization = await OrganizationsCollection.CreateAsync(system, "Entreprise de transports Zurbriggen-Imboden SA", "700.390.001");
        OrganizationsCollection.SignedInAt(system, "/operator", await system.OperatorAsync());
        using (Browser.Narrow(390))
        {
            string[] pages =
            [
                "/operator", "/operator/organizations", $"/operator/organizations/{organization.Id}", "/operator/organizations/new",
                "/operator/organizations/import", "/operator/audit", "/operator/topics", "/operator/support", "/members", "/members/new",
                "/integrations", "/account", "/account/sessions", "/account/profile", "/account/recovery-codes", "/account/authenticator",
            ];
            foreach (var page in pages) AssertFits(page);
            Browser.ForgetCookies();
            foreach (var page in new[] { "/", "/signin", "/register", "/password-reset", "/activate" }) AssertFits(page);
        }
    });

    private void AssertFits(string page)
    {
        Browser.Open(system.ConsoleUrl(page));
        Assert.True(Browser.SidewaysOverflow() == 0, $"{page} is {Browser.SidewaysOverflow()} px wider than 390 px ({Browser.Url}).");
    }
}
