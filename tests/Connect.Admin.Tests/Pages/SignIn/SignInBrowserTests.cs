using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Connect.Admin.Tests.Pages.SignIn;

/// <summary>Sign-in, sign-out and "forgot password" in a real browser against the real server.</summary>
[Collection(SignInCollection.Name)]
public sealed partial class SignInBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task SignIn_WithSmsCode_ThenAgainWithTheAuthenticatorEnrolledOnTheAccountPage() => system.RunAsync(async () =>
    {
        var lea = await SignInCollection.ReadyAsync(system, SignInCollection.Lea);
        StartAt("/signin");
        EnterPassword(lea, lea.Password);

        // Léa has no authenticator yet: the SMS is offered first, and sent on request.
        await Browser.SubmitWithinTheResendLimitAsync("#send-code button[type=submit]");
        Assert.Contains("Un code a été envoyé au", Browser.MainText);
        Browser.Submit("#resend-code button[type=submit]");
        Assert.Contains("Un nouveau code ne peut pas encore être envoyé.", Browser.MainText);
        Assert.Matches(RetryAfterSeconds(), Browser.MainText);
        var sms = await system.Outbox.WaitForSmsAsync(lea.Person.PhoneNumber);
        Browser.Fill("Input.Code", Outbox.SixDigitCode(sms));
        Browser.Submit("#verify button[type=submit]");

        Browser.ExpectPath("/account");
        Assert.Contains(lea.Name, Browser.Text("header"));
        Assert.Contains(lea.OrganizationName, Browser.Text("header"));
        Assert.Null(Browser.Cookie("connect_sign_in"));

        Browser.Click("#authenticator a");
        Browser.ExpectPath("/account/authenticator");
        Browser.Submit("#start-authenticator button[type=submit]");
        Assert.StartsWith("data:image/png;base64,", Browser.Attribute("img.qr-code", "src"));
        // Shown in groups of four; copied (and read here) whole.
        Assert.Matches("^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$", Browser.Text("#authenticator-secret"));
        var authenticator = new Totp(Base32Encoding.ToBytes(Browser.Attribute("#authenticator-secret", "data-value")));
        var enrolledAt = DateTime.UtcNow;
        Browser.Fill("Input.Code", authenticator.ComputeTotp(enrolledAt));
        Browser.Submit("#confirm-authenticator button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains("L'application d'authentification est configurée.", Browser.MainText);

        Browser.Submit("#sign-out");
        Browser.ExpectPath("/signin");
        EnterPassword(lea, lea.Password);
        Assert.Contains("Saisissez le code à 6 chiffres affiché par votre application d'authentification.", Browser.MainText);
        // Connect never takes a code of the same 30-second step twice, but takes one of the next step (one step of drift).
        Browser.Fill("Input.Code", authenticator.ComputeTotp(ANewerTimeStep(enrolledAt)));
        Browser.Submit("#verify button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains(lea.Name, Browser.Text("header"));
    });

    [Fact]
    public Task ProtectedPage_WithoutSession_SendsToSignInAndBackAfterIt() => system.RunAsync(async () =>
    {
        var marc = await SignInCollection.ReadyAsync(system, SignInCollection.Marc);
        StartAt("/account/sessions");

        Browser.ExpectPath("/signin");
        Assert.Equal("?returnUrl=%2Faccount%2Fsessions", Browser.Url.Query);
        Assert.Contains("Veuillez vous connecter.", Browser.MainText);
        EnterPassword(marc, marc.Password);

        // The sign-in travels in its own cookie, never in the address or the page.
        var signInCookie = Browser.Cookie("connect_sign_in") ?? throw new Xunit.Sdk.XunitException("No connect_sign_in cookie.");
        Assert.True(signInCookie.IsHttpOnly);
        Assert.Equal("/signin", signInCookie.Path);
        Assert.Equal("Strict", signInCookie.SameSite);
        Assert.Equal(string.Empty, Browser.Url.Query);
        Assert.DoesNotContain(signInCookie.Value, Browser.PageSource);

        Browser.Click("a[href*='factor=recovery-code']");
        Browser.Fill("Input.Code", marc.RecoveryCodes[0]);
        Browser.Submit("#verify button[type=submit]");

        Browser.ExpectPath("/account/sessions");
        Assert.Contains("Codes de récupération restants : 9.", Browser.MainText);
        Assert.Contains("Cette session", Browser.MainText);
        // The console forwards the browser's address and user agent, so the session is the browser's, not the console's.
        Assert.Contains("HeadlessChrome", Browser.Text(".session-current .user-agent"));
        Assert.Equal("127.0.0.1", Browser.Text(".session-current .client-address"));
    });

    [Fact]
    public Task SignIn_WithWrongPassword_ShowsTheFrenchMessage() => system.RunAsync(async () =>
    {
        var marc = await SignInCollection.ReadyAsync(system, SignInCollection.Marc);
        StartAt("/signin");
        Browser.Fill("Input.Email", marc.Email);
        Browser.Fill("Input.Password", "pas le bon mot de passe du tout");
        Browser.Submit("#sign-in button[type=submit]");

        Browser.ExpectPath("/signin");
        Assert.Contains("L'adresse e-mail ou le mot de passe n'est pas correct.", Browser.MainText);
        Assert.Equal(string.Empty, Browser.ValueOf("Input.Password"));
        Assert.Null(Browser.Cookie("connect_sign_in"));
    });

    [Fact]
    public Task SignOut_EndsTheSession_AndTheAccountAsksForSignInAgain() => system.RunAsync(async () =>
    {
        var nina = await SignInCollection.ReadyAsync(system, SignInCollection.Nina);
        StartAt("/signin");
        Browser.SetCookie("connect_session", nina.SessionToken);
        Browser.Open(system.ConsoleUrl("/"));
        Browser.ExpectPath("/account");
        Assert.Contains(nina.Name, Browser.Text("header"));

        Browser.Submit("#sign-out");
        Browser.ExpectPath("/signin");
        Assert.Contains("La déconnexion a été effectuée.", Browser.MainText);
        Assert.Null(Browser.Cookie("connect_session"));
        using var asNina = system.Client(nina.SessionToken);
        var refused = await Assert.ThrowsAsync<ConnectClientException>(() => asNina.GetRequiredService<ConnectAccountClient>().GetAccountAsync());
        Assert.Equal(ErrorReason.SessionInvalid, refused.Reason);

        // Even with the old token put back, the account page asks for a sign-in.
        Browser.SetCookie("connect_session", nina.SessionToken);
        Browser.Open(system.ConsoleUrl("/account"));
        Browser.ExpectPath("/signin");
        Assert.Equal("?returnUrl=%2Faccount", Browser.Url.Query);
        Assert.Contains("Votre session a pris fin", Browser.MainText);
        Assert.Null(Browser.Cookie("connect_session"));
    });

    [Fact]
    public Task PasswordReset_ThroughThePages_SignsInAndTheNewPasswordCounts() => system.RunAsync(async () =>
    {
        const string newPassword = "un nouveau mot de passe pour Sara";
        var sara = await SignInCollection.ReadyAsync(system, SignInCollection.Sara);
        StartAt("/signin");
        Browser.Click("#forgot-password");
        Browser.ExpectPath("/password-reset");
        Browser.Fill("Input.Email", sara.Email);
        await Browser.SubmitWithinTheResendLimitAsync("#password-reset button[type=submit]");

        Browser.ExpectPath("/password-reset/code");
        Assert.Contains($"Si l'adresse {sara.Email} est connue, un code y a été envoyé.", Browser.MainText);
        var email = await system.Outbox.WaitForEmailAsync(sara.Email, SixDigits());
        Browser.Fill("Input.Code", Outbox.SixDigitCode(email));
        Browser.Fill("Input.NewPassword", newPassword);
        Browser.Fill("Input.NewPasswordConfirmation", newPassword);
        Browser.Submit("#reset-password button[type=submit]");

        Browser.ExpectPath("/signin/second-factor");
        Assert.Contains("Confirmez maintenant la connexion", Browser.MainText);
        Assert.Null(Browser.Cookie("connect_password_reset"));
        Browser.Click("a[href*='factor=recovery-code']");
        Browser.Fill("Input.Code", sara.RecoveryCodes[0]);
        Browser.Submit("#verify button[type=submit]");
        Browser.ExpectPath("/account");

        using var anonymous = system.Client();
        var challenge = (await anonymous.GetRequiredService<ConnectSignInClient>().StartSignInAsync(sara.Email, newPassword)).Challenge;
        Assert.NotEmpty(challenge.SignInToken);
    });

    [Fact]
    public Task SignIn_WithTwoOrganizations_ChoosesOne_AndTheHeaderSwitchesToTheOther() => system.RunAsync(async () =>
    {
        var ivo = await SignInCollection.ReadyAsync(system, SignInCollection.Ivo);
        await system.AddMembershipAsync(SignInCollection.Ivo, SignInCollection.IvoSecondOrganization);
        StartAt("/signin");
        EnterPassword(ivo, ivo.Password);
        Browser.Click("a[href*='factor=recovery-code']");
        Browser.Fill("Input.Code", ivo.RecoveryCodes[0]);
        Browser.Submit("#verify button[type=submit]");

        Browser.ExpectPath("/signin/organization");
        Assert.Contains(ivo.OrganizationName, Browser.MainText);
        Browser.SubmitButtonSaying(SignInCollection.IvoSecondOrganization);
        Browser.ExpectPath("/account");
        Assert.Equal(SignInCollection.IvoSecondOrganization, Browser.Text(".session-organization"));

        Browser.Press(".session-organizations summary");
        Browser.Submit(".session-switch button");
        Browser.ExpectPath("/account");
        Assert.Equal(ivo.OrganizationName, Browser.Text(".session-organization"));
    });

    /// <summary>A fresh browser at <paramref name="path"/>.</summary>
    private void StartAt(string path)
    {
        Browser.Open(system.ConsoleUrl(path));
        Browser.ForgetCookies();
        Browser.Open(system.ConsoleUrl(path));
    }

    private void EnterPassword(RegisteredPerson person, string password)
    {
        Assert.Equal("current-password", Browser.AttributeOf("Input.Password", "autocomplete"));
        Browser.Fill("Input.Email", person.Email);
        Browser.Fill("Input.Password", password);
        Browser.Submit("#sign-in button[type=submit]");
        Browser.ExpectPath("/signin/second-factor");
    }

    /// <summary>
    /// A time in a 30-second step after <paramref name="usedAt"/>'s: now once that step has come, else the next step,
    /// which Connect accepts one step early. No test waits for the clock.
    /// </summary>
    private static DateTime ANewerTimeStep(DateTime usedAt)
    {
        static long Step(DateTime time) => new DateTimeOffset(time).ToUnixTimeSeconds() / 30;
        var now = DateTime.UtcNow;
        return Step(now) > Step(usedAt) ? now : usedAt.AddSeconds(30);
    }

    [GeneratedRegex(@"réessayer dans (\d+) secondes")]
    private static partial Regex RetryAfterSeconds();

    [GeneratedRegex(@"(?<![\w-])\d{6}(?![\w-])")]
    private static partial Regex SixDigits();
}
