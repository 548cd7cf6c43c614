using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Register;

/// <summary>
/// The guide's page 1 in a real browser against the real server: the fund's first operator with the bootstrap code,
/// an organisation's administrator from the invitation e-mail, and an existing person adding an organisation.
/// </summary>
public sealed partial class RegistrationWizardBrowserTests(ConnectSystem system) : IClassFixture<ConnectSystem>
{
    private const string OperatorEmail = "anna.muster@fund.example.ch";
    private const string OperatorPhone = "+41 79 123 45 67";
    private const string OperatorPassword = "un long chemin vers la caisse";

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task AccessCode_Wrong_ShowsTheLocalizedMessageAndSetsNoCookie() => system.RunAsync(async () =>
    {
        Browser.Open(system.ConsoleUrl("/register"));
        Browser.ForgetCookies();
        Browser.Open(system.ConsoleUrl("/register"));
        Browser.Fill("Input.AccessCode", "ABCD-EFGH-JKMN");
        Browser.Submit();

        Browser.ExpectPath("/register");
        Assert.Contains("Ce code d'accès n'est pas valable", Browser.MainText);
        // The refusal marks the field it is about (and the error summary links to it).
        Assert.Equal("true", Browser.Attribute("#Input_AccessCode", "aria-invalid"));
        Assert.Null(Browser.Cookie("connect_registration"));

        Browser.Submit("button[name=culture][value=de]");
        Browser.Fill("Input.AccessCode", "ABCD-EFGH-JKMN");
        Browser.Submit();
        Assert.Contains("Dieser Zugangscode ist ungültig", Browser.MainText);
        Assert.Null(Browser.Cookie("connect_registration"));

        using var anonymous = system.Client();
        var contact = await anonymous.GetRequiredService<ConnectSupportClient>().GetSupportContactAsync();
        Assert.Contains(contact.PhoneNumber, Browser.FooterText);
        Assert.Contains(contact.Department.De, Browser.FooterText);
        Browser.ForgetCookies();
    });

    [Fact]
    public Task Console_AnswersWithItsSecurityHeaders() => system.RunAsync(async () =>
    {
        using var http = new HttpClient();
        using var answer = await http.GetAsync(system.ConsoleUrl("/register"));

        Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
        Assert.StartsWith("default-src 'self'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
    });

    [Fact]
    public Task FirstOperator_RegistersWithTheBootstrapCodeAndTheTypedEmailCode() => system.RunAsync(async () =>
    {
        var session = await OperatorSessionAsync();

        using var asOperator = system.Client(session);
        var organizations = await asOperator.GetRequiredService<ConnectOrganizationClient>().ListOrganizationsAsync();
        Assert.Contains(organizations.Organizations, o => o.Fund);
    });

    [Fact]
    public Task InvitedAdministrator_RegistersFromTheInvitationLinkAndTheEmailLink() => system.RunAsync(async () =>
    {
        const string email = "claire.dubois@boulangerie.example.ch";
        var (organization, invitationLink) = await InviteAsync("Boulangerie du Lac SA", email);

        Browser.ForgetCookies();
        Browser.Open(invitationLink);
        Assert.Equal(Regex.Match(invitationLink.Query, "code=([^&]+)").Groups[1].Value, Browser.ValueOf("Input.AccessCode"));
        Browser.Submit();
        Browser.ExpectPath("/register/email");
        Assert.Contains(organization.DisplayName, Browser.MainText);
        Browser.Fill("Input.Email", email);
        Browser.Submit();
        Browser.ExpectPath("/register/email-code");

        var verification = await system.Outbox.WaitForEmailAsync(email, EmailLink());
        // The link works from any browser: this one forgets the registration it started.
        Browser.ForgetCookies();
        Browser.Open(new Uri(EmailLink().Match(verification).Value));
        Browser.ExpectPath("/register/email-link");
        Browser.Submit();
        Browser.ExpectPath("/register/profile");
        Assert.NotNull(Browser.Cookie("connect_registration"));

        CreateProfile("Claire", "Dubois", "pain frais chaque matin au lac");
        await VerifyPhoneAsync("+41 79 765 43 21");
        FinishAndExpectDone(organization.DisplayName);
    });

    [Fact]
    public Task ExistingPerson_ConfirmsWithTheirPasswordAndGetsTheSmsAtTheirNumber() => system.RunAsync(async () =>
    {
        var (organization, invitationLink) = await InviteAsync("Menuiserie Favre Sàrl", OperatorEmail);

        Browser.ForgetCookies();
        Browser.Open(invitationLink);
        Browser.Submit();
        Browser.ExpectPath("/register/email");
        await SubmitWithinTheResendLimitAsync("Input.Email", OperatorEmail);
        Browser.ExpectPath("/register/email-code");
        await TypeEmailCodeAsync(OperatorEmail);

        Browser.ExpectPath("/register/confirm");
        Assert.Contains(organization.DisplayName, Browser.MainText);
        Browser.Submit();
        Assert.Equal("Saisissez le mot de passe.", Browser.ErrorMessage("#register-confirm .field-error"));
        // The confirmation sends the SMS code to the operator's number, which had one at their own registration.
        await SubmitWithinTheResendLimitAsync("Input.Password", OperatorPassword);

        Browser.ExpectPath("/register/phone");
        Assert.Contains("67", Browser.MainText);
        Assert.DoesNotContain("Input.PhoneNumber", Browser.PageSource);
        var sms = await system.Outbox.WaitForSmsAsync(OperatorPhone);
        Browser.Fill("Input.Code", Outbox.SixDigitCode(sms));
        Browser.Submit("#verify-phone button[type=submit]");
        Browser.ExpectPath("/register/finish");
        FinishAndExpectDone(organization.DisplayName);
    });

    /// <summary>The first operator's registration, walked once for the whole class: the other scenarios need its session.</summary>
    private Task<string> OperatorSessionAsync() => system.OnceAsync("operator", async () =>
    {
        Browser.Open(system.ConsoleUrl("/"));
        Browser.ForgetCookies();
        Browser.Open(system.ConsoleUrl("/"));
        // Without a session the root is the sign-in, which leads to the registration.
        Browser.ExpectPath("/signin");
        Browser.Click("#register");
        Browser.ExpectPath("/register");
        Browser.Fill("Input.AccessCode", system.BootstrapAccessCode.ToLowerInvariant());
        Browser.Submit();
        Browser.ExpectPath("/register/email");
        // Each step sent empty or wrong first: the field is marked and says what to do (every submit checks the pattern).
        Browser.Submit();
        Assert.Equal("Saisissez l'adresse e-mail.", Browser.ErrorMessage("#register-email .field-error"));
        Browser.Fill("Input.Email", OperatorEmail);
        Browser.Submit();

        Browser.ExpectPath("/register/email-code");
        Assert.Equal("one-time-code", Browser.AttributeOf("Input.Code", "autocomplete"));
        Assert.Equal("numeric", Browser.AttributeOf("Input.Code", "inputmode"));
        Browser.Submit("#register-email-code button[type=submit]");
        Assert.Equal("Saisissez le code reçu par e-mail.", Browser.ErrorMessage("#register-email-code .field-error"));
        await TypeEmailCodeAsync(OperatorEmail);

        Browser.ExpectPath("/register/profile");
        Browser.Fill("Input.Password", "court");
        Browser.Fill("Input.PasswordConfirmation", "autre");
        Browser.Submit();
        // Every error at once: the empty names, the short password and the confirmation that differs.
        Assert.Equal(
            ["Saisissez le prénom.", "Saisissez le nom.", "Le mot de passe doit comporter au moins 12 caractères.", "Les deux mots de passe ne sont pas identiques."],
            Browser.ErrorMessages("#register-profile .field-error").Where(m => m.Length > 0));
        CreateProfile("Anna", "Muster", OperatorPassword);
        Browser.Submit("#send-code button[type=submit]");
        Assert.Equal("Saisissez le numéro de téléphone portable.", Browser.ErrorMessage("#send-code .field-error"));
        await VerifyPhoneAsync(OperatorPhone, emptyCodeFirst: true);

        Browser.ExpectPath("/register/finish");
        Browser.Submit();
        Browser.ExpectPath("/register/done");
        var session = Browser.Cookie("connect_session") ?? throw new Xunit.Sdk.XunitException("No connect_session cookie.");
        Assert.True(session.IsHttpOnly);
        Assert.Null(Browser.Cookie("connect_registration"));

        using var asOperator = system.Client(session.Value);
        var fund = (await asOperator.GetRequiredService<ConnectOrganizationClient>().ListOrganizationsAsync())
            .Organizations.Single(o => o.Fund);
        Assert.Contains(fund.DisplayName, Browser.MainText);
        Browser.Click("#to-account");
        Browser.ExpectPath("/account");
        Assert.Contains(fund.DisplayName, Browser.Text("header"));
        return session.Value;
    });

    private async Task<(Organization Organization, Uri InvitationLink)> InviteAsync(string organizationName, string email)
    {
        using var asOperator = system.Client(await OperatorSessionAsync());
        var organizations = asOperator.GetRequiredService<ConnectOrganizationClient>();
        var affiliateNumber = "100." + Random.Shared.Next(100_000, 999_999);
        var organization = await organizations.CreateOrganizationAsync(organizationName, affiliateNumber, [], Language.Fr);
        await organizations.InviteByEmailAsync(organization.Id, email, Language.Fr);
        var invitation = await system.Outbox.WaitForEmailAsync(email, RegisterLink());
        return (organization, new Uri(RegisterLink().Match(invitation).Value));
    }

    /// <summary>An address or number gets a new code at most every few seconds here, across registrations: wait as long as the page says.</summary>
    private async Task SubmitWithinTheResendLimitAsync(string field, string value)
    {
        var page = Browser.Url.AbsolutePath;
        Browser.Fill(field, value);
        Browser.Submit();
        if (Browser.Url.AbsolutePath == page && RetryAfterSeconds().Match(Browser.MainText) is { Success: true } wait)
        {
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(wait.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
            Browser.Fill(field, value);
            Browser.Submit();
        }
    }

    private async Task TypeEmailCodeAsync(string email)
    {
        var verification = await system.Outbox.WaitForEmailAsync(email, EmailLink());
        Browser.Fill("Input.Code", Outbox.SixDigitCode(verification));
        Browser.Submit();
    }

    private void CreateProfile(string givenName, string familyName, string password)
    {
        Assert.Equal("new-password", Browser.AttributeOf("Input.Password", "autocomplete"));
        Browser.Fill("Input.GivenName", givenName);
        Browser.Fill("Input.FamilyName", familyName);
        Browser.Fill("Input.Password", password);
        Browser.Fill("Input.PasswordConfirmation", password);
        Browser.Choose("Input.Language", "fr");
        Browser.Submit();
        Browser.ExpectPath("/register/phone");
    }

    private async Task VerifyPhoneAsync(string phoneNumber, bool emptyCodeFirst = false)
    {
        Assert.Equal("tel", Browser.AttributeOf("Input.PhoneNumber", "type"));
        Browser.Fill("Input.PhoneNumber", phoneNumber);
        Browser.Submit("#send-code button[type=submit]");
        Browser.ExpectPath("/register/phone");
        var sms = await system.Outbox.WaitForSmsAsync(phoneNumber);
        if (emptyCodeFirst)
        {
            Browser.Submit("#verify-phone button[type=submit]");
            Assert.Equal("Saisissez le code reçu par SMS.", Browser.ErrorMessage("#verify-phone .field-error"));
        }
        Browser.Fill("Input.Code", Outbox.SixDigitCode(sms));
        Browser.Submit("#verify-phone button[type=submit]");
        Browser.ExpectPath("/register/finish");
    }

    private void FinishAndExpectDone(string organizationName)
    {
        Assert.Contains("Il ne vous reste plus qu'à cliquer sur", Browser.MainText);
        Browser.Submit();
        Browser.ExpectPath("/register/done");
        Assert.Contains("L'enregistrement en tant qu'utilisateur et administrateur est terminé", Browser.MainText);
        Assert.Contains(organizationName, Browser.MainText);
        Assert.NotNull(Browser.Cookie("connect_session"));
        Assert.Null(Browser.Cookie("connect_registration"));
    }

    [GeneratedRegex(@"réessayer dans (\d+) secondes")]
    private static partial Regex RetryAfterSeconds();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/register/email-link\?token=[A-Za-z0-9_\-%.~]+")]
    private static partial Regex EmailLink();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/register\?code=[0-9A-Za-z\-]+")]
    private static partial Regex RegisterLink();
}
