using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.SignIn;

namespace Connect.Admin.Tests.Pages.Account;

/// <summary>The own account's pages in a real browser, signed in with the session the registration gave.</summary>
[Collection(SignInCollection.Name)]
public sealed partial class AccountBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task RecoveryCodes_AreShownOnceAndThenOnlyCounted() => system.RunAsync(async () =>
    {
        var paul = await SignInCollection.ReadyAsync(system, SignInCollection.Paul);
        SignedInAt("/account", paul);
        Assert.Contains("Codes de récupération restants : 0", Browser.MainText);
        Browser.Click("#recovery-codes a");
        Browser.ExpectPath("/account/recovery-codes");

        Browser.Fill("Input.Password", "ce n'est pas le mot de passe");
        Browser.Submit("#create-recovery-codes button[type=submit]");
        Assert.Contains("Le mot de passe n'est pas correct.", Browser.ErrorMessage("#create-recovery-codes .field-error"));

        Browser.Fill("Input.Password", paul.Password);
        Browser.Submit("#create-recovery-codes button[type=submit]");
        var codes = Browser.Texts("#recovery-codes li code");
        // Kept as a file (a link that needs no script), copied or printed (buttons the page's script shows).
        var download = Browser.Attribute("#download-recovery-codes", "href");
        Assert.Equal(string.Join("\r\n", codes) + "\r\n", Uri.UnescapeDataString(download[(download.IndexOf(',') + 1)..]));
        Assert.True(Browser.Exists("button[data-copy='recovery-codes']:not([hidden])"));
        Assert.True(Browser.Exists("button[data-print]:not([hidden])"));
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(RecoveryCode(), code));
        Assert.Contains("ils ne seront plus affichés", Browser.MainText);

        Browser.Open(system.ConsoleUrl("/account/recovery-codes"));
        Assert.False(Browser.Exists("#recovery-codes"));
        Assert.Contains("Codes de récupération restants : 10", Browser.MainText);
        Assert.All(codes, code => Assert.DoesNotContain(code, Browser.PageSource));
    });

    [Fact]
    public Task ProfilePhoneAndPassword_Change_ThenSignOutEverywhere() => system.RunAsync(async () =>
    {
        const string newNumber = "+41 79 300 00 17";
        const string newPassword = "Jana a choisi un autre mot de passe";
        var jana = await SignInCollection.ReadyAsync(system, SignInCollection.Jana);
        SignedInAt("/account/profile", jana);
        Assert.Equal(jana.Person.GivenName, Browser.ValueOf("Input.GivenName"));
        Browser.Fill("Input.GivenName", "Janina");
        Browser.Choose("Input.Language", "de");
        Browser.Submit("#profile button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains("Ihr Profil wurde gespeichert.", Browser.MainText);
        Assert.Contains("Janina Novak", Browser.Text("header"));
        Browser.Submit("button[name=culture][value=fr]");

        Browser.Click("#phone a");
        Browser.ExpectPath("/account/phone");
        Browser.Fill("Input.PhoneNumber", newNumber);
        Browser.Submit("#send-code button[type=submit]");
        Browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(newNumber)));
        Browser.Submit("#confirm-phone button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains("Votre numéro de téléphone portable a été modifié.", Browser.MainText);
        Assert.EndsWith("17", Browser.Text("#phone p"));

        Browser.Click("#password a");
        Browser.ExpectPath("/account/password");
        Browser.Fill("Input.CurrentPassword", jana.Password);
        Browser.Fill("Input.NewPassword", newPassword);
        Browser.Fill("Input.NewPasswordConfirmation", newPassword);
        Browser.Submit("#change-password button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains("Votre mot de passe a été changé. Autres sessions terminées : 0.", Browser.MainText);

        Browser.Click("#sessions a");
        Browser.ExpectPath("/account/sessions");
        Assert.Contains("Cette session", Browser.MainText);
        Browser.Submit("#sign-out-everywhere button[type=submit]");
        Assert.Equal("Vous déconnecter partout ?", Browser.Text(".confirmation h2"));
        Browser.Submit("#confirm-sign-out-everywhere button[type=submit]");
        Browser.ExpectPath("/signin");
        Assert.Contains("Toutes vos sessions ont été terminées (1).", Browser.MainText);
        Assert.Null(Browser.Cookie("connect_session"));
    });

    /// <summary>A fresh browser holding <paramref name="person"/>'s session cookie, at <paramref name="path"/>.</summary>
    private void SignedInAt(string path, RegisteredPerson person)
    {
        Browser.Open(system.ConsoleUrl("/signin"));
        Browser.ForgetCookies();
        Browser.SetCookie("connect_session", person.SessionToken);
        Browser.Open(system.ConsoleUrl(path));
        Browser.ExpectPath(path);
    }

    [GeneratedRegex(@"^[0-9A-Z]{4}(-[0-9A-Z]{4})+$")]
    private static partial Regex RecoveryCode();
}
