using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Account;

/// <summary>
/// Passkeys in a real browser with Chromium's virtual authenticator, on the console by the name <c>localhost</c>
/// (browsers refuse passkeys on an IP address): added in the account, used as the second factor and alone, removed;
/// and the fund's policy that requires them. A system of their own: their sign-ins would eat the sign-in tests'
/// budget of attempts per client address.
/// </summary>
public sealed class PasskeyBrowserTests(ConnectSystem system) : IClassFixture<ConnectSystem>
{
    /// <summary>Adds, uses and removes a passkey.</summary>
    private static readonly TestPerson Olga = new("Olga", "Brunner", "olga.brunner@brunner.example.ch", "+41 79 300 00 08", "Olga préfère sa clé à ses codes");

    /// <summary>Administers an organisation whose passkey policy the fund turns on.</summary>
    private static readonly TestPerson Rita = new("Rita", "Suter", "rita.suter@suter.example.ch", "+41 79 300 00 09", "Rita suit la politique de la caisse");

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Passkey_IsAdded_SignsInAfterThePasswordAndAlone_AndIsRemoved() => system.RunAsync(async () =>
    {
        var olga = await system.RegisterAsync(Olga);
        using var authenticator = Browser.AddPasskeyAuthenticator();
        Browser.Open(system.LocalhostUrl("/signin"));
        Browser.ForgetCookies();
        Browser.SetCookie("connect_session", olga.SessionToken);
        Browser.Open(system.LocalhostUrl("/account"));
        Assert.Contains("Vous n'avez pas encore de clé d'accès.", Browser.Text("#passkeys"));

        // Added: a name and the password (each said when missing), then the browser's authenticator.
        Browser.Click("#passkeys a");
        Browser.ExpectPath("/account/passkeys");
        Browser.Submit("#add-passkey button[type=submit]");
        Assert.Equal(["Saisissez un nom pour la clé d'accès.", "Saisissez le mot de passe."], Browser.ErrorMessages("#add-passkey .field-error"));
        Browser.Fill("Input.Name", "Ordinateur du bureau");
        Browser.Fill("Input.Password", olga.Password);
        Browser.Submit("#add-passkey button[type=submit]");
        Browser.Click("#create-passkey");
        Browser.ExpectPath("/account/passkeys");
        Assert.Contains("La clé d'accès « Ordinateur du bureau » a été ajoutée.", Browser.MainText);
        Assert.Equal("Ordinateur du bureau", Browser.Text("#passkeys .passkey-name"));
        Assert.Equal("Jamais", Browser.Text("#passkeys .passkey-last-used"));
        Assert.Equal(1, Browser.PasskeyCount());
        await system.Outbox.WaitForEmailAsync(olga.Email, new System.Text.RegularExpressions.Regex("Une clé d'accès a été ajoutée à votre compte"));

        // After the password, the passkey is the first way offered.
        Browser.PastThePassword(system.LocalhostUrl("/signin"), olga);
        Browser.ExpectPath("/signin/second-factor");
        Assert.Contains("Confirmez avec votre clé d'accès", Browser.MainText);
        Browser.Click("#use-passkey");
        Browser.ExpectPath("/account");

        // Alone, without the password.
        Browser.ForgetCookies();
        Browser.Open(system.LocalhostUrl("/signin"));
        Browser.Click("#passkey-sign-in-link");
        Browser.ExpectPath("/signin/passkey");
        Browser.Click("#use-passkey");
        Browser.ExpectPath("/account");
        Assert.Contains("Olga Brunner", Browser.Text("header"));

        // Removed on a page of its own, with the password.
        Browser.Open(system.LocalhostUrl("/account/passkeys"));
        Assert.NotEqual("Jamais", Browser.Text("#passkeys .passkey-last-used"));
        Browser.Click("#passkeys a.remove-passkey");
        Assert.Matches("^/account/passkeys/[0-9a-f]{32}/remove$", Browser.Url.AbsolutePath);
        Browser.Submit("#remove-passkey button[type=submit]");
        Assert.Equal("Saisissez le mot de passe.", Browser.ErrorMessage("#remove-passkey .field-error"));
        Browser.Fill("Input.Password", "ce n'est pas le mot de passe");
        Browser.Submit("#remove-passkey button[type=submit]");
        Assert.Contains("Le mot de passe n'est pas correct.", Browser.ErrorMessage("#remove-passkey .field-error"));
        Browser.Fill("Input.Password", olga.Password);
        Browser.Submit("#remove-passkey button[type=submit]");
        Browser.ExpectPath("/account/passkeys");
        Assert.Contains("La clé d'accès « Ordinateur du bureau » a été supprimée.", Browser.MainText);
        Assert.True(Browser.Exists("#no-passkeys"));

        // The authenticator still holds it, but Connect no longer knows it.
        Browser.ForgetCookies();
        Browser.Open(system.LocalhostUrl("/signin/passkey"));
        Browser.Click("#use-passkey");
        Browser.ExpectPath("/signin/passkey");
        Assert.Contains("La connexion avec la clé d'accès a échoué.", Browser.Text(".error-summary"));
    });

    [Fact]
    public Task APasskeyPolicy_LeadsToAddingOne_ThenOffersOnlyThePasskey() => system.RunAsync(async () =>
    {
        var rita = await system.RegisterAsync(Rita);
        var fundOperator = await system.OperatorAsync();
        string organizationId;
        using (var asRita = system.Client(rita.SessionToken))
            organizationId = (await asRita.GetRequiredService<ConnectSessionClient>().WhoAmIAsync()).OrganizationId;

        // The fund turns the policy on for the organisation's administrators ("Editer").
        Browser.Open(system.ConsoleUrl("/signin"));
        Browser.ForgetCookies();
        Browser.SetCookie("connect_session", fundOperator.SessionToken);
        Browser.Open(system.ConsoleUrl($"/operator/organizations/{organizationId}/edit"));
        Browser.Press("#passkey-policy input[value=administrators]");
        Browser.Submit("#edit-organization button[type=submit]");
        Assert.Equal("Pour les administrateurs", Browser.Text(".organization-passkey-policy"));

        // Rita has no passkey: the usual code this once, then the session leads to adding one.
        using var authenticator = Browser.AddPasskeyAuthenticator();
        Browser.PastThePassword(system.LocalhostUrl("/signin"), rita);
        Assert.Contains("Votre organisation exige une clé d'accès.", Browser.Text("#passkey-policy"));
        await Browser.SubmitWithinTheResendLimitAsync("#send-code button[type=submit]");
        Browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(rita.Person.PhoneNumber)));
        Browser.Submit("#verify button[type=submit]");
        Browser.ExpectPath("/account/passkeys");
        Assert.Contains("Votre organisation exige une clé d'accès : ajoutez-en une pour continuer.", Browser.MainText);
        Browser.Open(system.LocalhostUrl("/account"));
        Browser.ExpectPath("/account/passkeys");
        Browser.Fill("Input.Name", "Portable");
        Browser.Fill("Input.Password", rita.Password);
        Browser.Submit("#add-passkey button[type=submit]");
        Browser.Click("#create-passkey");
        Browser.ExpectPath("/account/passkeys");
        Browser.Open(system.LocalhostUrl("/account"));
        Browser.ExpectPath("/account");

        // From now on the passkey is the only way after the password: no SMS, not even by the address.
        Browser.PastThePassword(system.LocalhostUrl("/signin"), rita);
        Browser.ExpectPath("/signin/second-factor");
        Assert.False(Browser.Exists("nav.alternatives"));
        Browser.Open(system.LocalhostUrl("/signin/second-factor?factor=sms"));
        Assert.False(Browser.Exists("#send-code"));
        Browser.Click("#use-passkey");
        Browser.ExpectPath("/account");
    });
}
