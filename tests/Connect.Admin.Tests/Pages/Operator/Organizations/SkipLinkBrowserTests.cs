using Connect.Admin.Tests.Infrastructure;
using OpenQA.Selenium;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>A keyboard's first stop on every page is "Aller au contenu principal", which moves past the header.</summary>
[Collection(OrganizationsCollection.Name)]
public sealed class SkipLinkBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task TheFirstTab_ReachesTheSkipLink_AndEnterMovesToTheMainPart() => system.RunAsync(async () =>
    {
        OrganizationsCollection.SignedInAt(system, "/operator/organizations", await system.OperatorAsync());

        Browser.PressKeys(Keys.Tab);
        Assert.Contains("class=\"skip-link\"", Browser.FocusedElement());
        Assert.Equal("Aller au contenu principal", Browser.Text(".skip-link"));
        Browser.PressKeys(Keys.Enter);
        Assert.StartsWith("<main id=\"main\"", Browser.FocusedElement());
    });
}
