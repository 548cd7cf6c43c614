using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.Operator.Support;

/// <summary>
/// A person lost their phone: the fund's operator finds them in "Support", sees their organisation and second
/// factors, and resets the second factor with a reason (not without one). The person's next sign-in asks for a new
/// mobile number and its SMS code before anything else; then they are signed in, and support sees the new number.
/// </summary>
[Collection(FundStaffCollection.Name)]
public sealed class SupportBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Lea =
        new("Léa", "Muller", "lea.muller@muller.example.ch", "+41 79 600 00 01", "Léa a perdu son téléphone au lac");

    private const string LeasNewNumber = "+41 79 600 00 02";

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Operator_ResetsALostPhone_WithAReason_AndThePersonVerifiesANewNumberAtTheNextSignIn() => system.RunAsync(async () =>
    {
        var lea = await system.RegisterAsync(Lea);
        await FundStaffCollection.SignInAsOperatorAsync(system);

        // Support: the person by name (any case, no accent needed), then their page.
        Browser.Click("#operator-support");
        Browser.ExpectPath("/operator/support");
        Browser.Fill("q", "lea MULLER");
        Browser.Submit("#person-search button[type=submit]");
        Assert.Equal(Lea.Email, Assert.Single(Browser.Texts("#persons .person-email")));
        Browser.Click("#persons .person-name a");
        Assert.StartsWith("/operator/support/", Browser.Url.AbsolutePath);
        var personPage = Browser.Url.AbsolutePath;
        Assert.Equal("Léa Muller", Browser.Text("main h1"));
        Assert.Contains(lea.OrganizationName, Browser.Text("#memberships .membership-organization"));
        Assert.Equal("Oui", Browser.Text("#memberships .membership-administrator"));
        Assert.Equal("Actif", Browser.Text("#memberships .membership-state"));
        Assert.Equal("+41796000001", Browser.Text(".factor-phone"));
        Assert.Equal("Pas bloquée.", Browser.Text("#sign-in-lock .lock-state"));

        // The reset explains itself and needs a reason.
        Browser.Click("#reset-second-factor");
        Browser.ExpectPath(personPage + "/reset-second-factor");
        var explanation = Browser.Text("#action-explanation");
        Assert.Contains("numéro de portable vérifié, son application d'authentification et ses codes de récupération sont supprimés", explanation);
        Assert.Contains("toutes ses sessions se terminent immédiatement", explanation);
        Assert.Contains("nouveau numéro de portable", explanation);
        Browser.Submit("#support-action button[type=submit]");
        Browser.ExpectPath(personPage + "/reset-second-factor");
        Assert.Contains("Saisissez le motif.", Browser.ErrorMessage("#support-action .field-error"));
        Browser.Fill("Input.Reason", "Téléphone perdu, appel de Léa Muller");
        Browser.Submit("#support-action button[type=submit]");
        Browser.ExpectPath(personPage);
        Assert.Contains("Le second facteur de Léa Muller a été réinitialisé. Sessions terminées : 1.", Browser.MainText);
        Assert.Equal("–", Browser.Text(".factor-phone"));
        Assert.True(Browser.Exists("#phone-number-required"));

        // Léa, in a browser of her own: password, then the new number and its code before anything else.
        using var person = new HeadlessChromium();
        person.Open(system.ConsoleUrl("/signin"));
        person.Fill("Input.Email", Lea.Email);
        person.Fill("Input.Password", Lea.Password);
        person.Submit("#sign-in button[type=submit]");
        person.ExpectPath("/signin/new-phone");
        Assert.Contains("La caisse a réinitialisé votre second facteur.", person.MainText);
        person.Open(system.ConsoleUrl("/signin/second-factor"));
        person.ExpectPath("/signin/new-phone");
        person.Submit("#send-code button[type=submit]");
        Assert.Equal("Saisissez le nouveau numéro de téléphone portable.", person.ErrorMessage("#send-code .field-error"));
        person.Fill("Input.PhoneNumber", LeasNewNumber);
        person.Submit("#send-code button[type=submit]");
        Assert.Matches("Un code a été envoyé au •+02\\.", person.MainText);
        person.Submit("#verify button[type=submit]");
        Assert.Equal("Saisissez le code reçu par SMS.", person.ErrorMessage("#verify .field-error"));
        person.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(LeasNewNumber)));
        person.Submit("#verify button[type=submit]");
        person.ExpectPath("/account");
        Assert.Matches("Votre nouveau numéro de portable •+02 est vérifié\\.", person.MainText);

        // Support sees the new number, and the reset is over.
        Browser.Open(system.ConsoleUrl(personPage));
        Assert.Equal("+41796000002", Browser.Text(".factor-phone"));
        Assert.False(Browser.Exists("#phone-number-required"));
    });

    [Fact]
    public Task EveryPage_ShowsTheLanguagesSupportAnswersIn() => system.RunAsync(() =>
    {
        Browser.Open(system.ConsoleUrl("/signin"));
        Assert.Equal("Langues : Français, Deutsch, Italiano, English", Browser.Text("footer .support-languages"));
        Browser.Open(system.ConsoleUrl("/password-reset?culture=de"));
        Assert.Equal("Sprachen: Français, Deutsch, Italiano, English", Browser.Text("footer .support-languages"));
        return Task.CompletedTask;
    });
}
