using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.SignIn;

namespace Connect.Admin.Tests.Pages.Account;

/// <summary>
/// Passkeys in a real browser with Chromium's virtual authenticator, on the console by the name <c>localhost</c>
/// (browsers refuse passkeys on an IP address): added in the account, used as the second factor and alone, removed.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class PasskeyBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Passkey_IsAdded_SignsInAfterThePasswordAndAlone_AndIsRemoved() => system.RunAsync(async () =>
    {
        var olga = await system.RegisterAsync(SignInCollection.Olga);
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
        Browser.ForgetCookies();
        Browser.Open(system.LocalhostUrl("/signin"));
        Browser.Fill("Input.Email", olga.Email);
        Browser.Fill("Input.Password", olga.Password);
        Browser.Submit("#sign-in button[type=submit]");
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
}
