using Connect.Admin.Tests.Infrastructure;
using OpenQA.Selenium;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>
/// Finding one's way: the sections a person may use are always in sight (the current one marked), a list's main action
/// is a visible button, and a keyboard's first stop is "Aller au contenu principal", which moves past the header.
/// </summary>
[Collection(OrganizationsCollection.Name)]
public sealed class NavigationBrowserTests(ConnectSystem system)
{
    [Fact]
    public Task AnOperator_SeesEverySection_TheCurrentOneMarked_AndTheMembersListsNewButton() => system.RunAsync(async () =>
    {
        OrganizationsCollection.SignedInAt(system, "/account", await system.OperatorAsync());

        Assert.Equal(["Mon compte", "Gestion des utilisateurs", "Intégrations", "Espace de la caisse"], Browser.Texts("#site-nav a"));
        Assert.Equal("page", Browser.Attribute("#nav-account", "aria-current"));
        Browser.Click("#nav-operator");
        Browser.ExpectPath("/operator");
        Assert.Equal("page", Browser.Attribute("#nav-operator", "aria-current"));
        Assert.Equal("", Browser.Attribute("#nav-account", "aria-current"));

        Browser.Click("#nav-members");
        Browser.ExpectPath("/members");
        Browser.Click("#new-member-button");
        Browser.ExpectPath("/members/new");
    });

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
