using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>
/// Every form sent empty, in each of the console's four languages, answers with GOV.UK's error pattern (checked after
/// each submit by <see cref="HeadlessChromium.AssertErrorPattern"/>) and in the page's language only: none of ASP.NET's
/// English messages, nothing outside the resource files.
/// </summary>
[Collection(OrganizationsCollection.Name)]
public sealed class EmptyFormsBrowserTests(ConnectSystem system)
{
    private HeadlessChromium Browser => system.Browser;

    /// <summary>The forms of a signed-in operator: the page, the submit button, and the fields emptied first.</summary>
    private static readonly (string Page, string Button, string[] Emptied)[] SignedInForms =
    [
        ("/operator/organizations/new", "#new-organization button[type=submit]", []),
        ("/operator/topics", "#add-topic button[type=submit]", []),
        ("/operator/organizations/import", "#import-upload button[type=submit]", []),
        ("/members/new", "#new-email button[type=submit]", []),
        ("/integrations", "#register-application button[type=submit]", []),
        ("/account/profile", "#profile button[type=submit]", ["Input.GivenName", "Input.FamilyName"]),
        ("/account/password", "#change-password button[type=submit]", []),
        ("/account/phone", "#send-code button[type=submit]", []),
        ("/account/recovery-codes", "#create-recovery-codes button[type=submit]", []),
    ];

    /// <summary>The forms of someone not signed in.</summary>
    private static readonly (string Page, string Button)[] SignedOutForms =
    [
        ("/signin", "#sign-in button[type=submit]"),
        ("/password-reset", "#password-reset button[type=submit]"),
        ("/register", "main form button[type=submit]"),
        ("/activate", "#activation-code button[type=submit]"),
    ];

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("it")]
    [InlineData("en")]
    public Task EveryFormSentEmpty_ShowsTheErrorPattern_InThePagesLanguage(string language) => system.RunAsync(async () =>
    {
        var organization = await OrganizationsCollection.CreateAsync(system, $"Formulaires {language} SA", $"700.100.{language[0] - 'a':000}");
        var fundOperator = await system.OperatorAsync();
        string self;
        using (var asOperator = system.Client(fundOperator.SessionToken))
            self = (await asOperator.GetRequiredService<ConnectMemberClient>().ListMembersAsync(fundOperator.Email)).Members.Single().Id;
        var forms = SignedInForms.Append(($"/operator/organizations/{organization.Id}", "#suspend button[type=submit]", []))
            .Append(($"/operator/organizations/{organization.Id}", "#invite-email button[type=submit]", []))
            .Append(($"/operator/organizations/{organization.Id}/edit", "#edit-organization button[type=submit]", ["Input.DisplayName"]))
            .Append(("/operator/topics/contributions", "#rename-topic button[type=submit]", ["Input.Fr", "Input.De", "Input.It", "Input.En"]))
            .Append(($"/members/{self}/edit", "#edit-member button[type=submit]", ["Input.GivenName", "Input.FamilyName"]));
        OrganizationsCollection.SignedInAt(system, "/operator", fundOperator);
        Speak(language);
        foreach (var (page, button, emptied) in forms) SubmitEmpty(page, button, emptied, language);

        Browser.ForgetCookies();
        Speak(language);
        foreach (var (page, button) in SignedOutForms) SubmitEmpty(page, button, [], language);
    });

    [Fact]
    public Task TheFormsOfASecondStep_SentEmpty_ShowTheErrorPattern() => system.RunAsync(async () =>
    {
        var fundOperator = await system.OperatorAsync();
        // Sign-in's second step, with a recovery code.
        system.AtRecoveryCodeStep(fundOperator);
        SubmitEmptyHere("#verify button[type=submit]");

        // An authenticator's first code.
        OrganizationsCollection.SignedInAt(system, "/account/authenticator", fundOperator);
        Browser.Submit("#start-authenticator button[type=submit]");
        SubmitEmptyHere("#confirm-authenticator button[type=submit]");

        // The new person's names, after an address nobody has.
        Browser.Open(system.ConsoleUrl("/members/new"));
        Browser.Fill("Input.Email", $"newcomer-{Guid.NewGuid():N}@forms.example.ch");
        Browser.Submit("#new-email button[type=submit]");
        Browser.ExpectPath("/members/new/person");
        SubmitEmptyHere("#new-person button[type=submit]");

        // A new mobile number's code.
        Browser.Open(system.ConsoleUrl("/account/phone"));
        Browser.Fill("Input.PhoneNumber", "+41 79 555 12 34");
        await Browser.SubmitWithinTheResendLimitAsync("#send-code button[type=submit]");
        SubmitEmptyHere("#confirm-phone button[type=submit]");
    });

    /// <summary>Submits the form on the page as it is, its code field empty; the submit checks the error pattern.</summary>
    private void SubmitEmptyHere(string button)
    {
        var page = Browser.Url.AbsolutePath;
        Browser.Submit(button);
        Assert.True(Browser.Exists(".error-summary"), $"{page}: no error summary at {Browser.Url}:\n{Browser.MainText}");
    }

    private void Speak(string language) => Browser.SetCookie("connect_language", $"c={language}|uic={language}");

    private void SubmitEmpty(string page, string button, string[] emptied, string language)
    {
        Browser.Open(system.ConsoleUrl(page));
        foreach (var field in emptied) Browser.Fill(field, "");
        Browser.Submit(button);
        Assert.True(Browser.Exists(".error-summary"), $"{page} in {language}: no error summary at {Browser.Url}:\n{Browser.MainText}");
        Assert.Equal(language, Browser.Attribute("html", "lang"));
    }
}
