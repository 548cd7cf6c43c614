using System.Globalization;
using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Members;

/// <summary>A system of its own for the user management's refusals, so that they run beside the guide's walk.</summary>
[CollectionDefinition(Name)]
public sealed class UserManagementRefusalsCollection : ICollectionFixture<ConnectSystemAtRealResendPace>
{
    public const string Name = "user management refusals";
}

/// <summary>
/// Connect with its real 60 seconds between two codes: the refusals ask for a code again a few pages after the first,
/// which must still be too soon however slow the machine; they never wait for one.
/// </summary>
public sealed class ConnectSystemAtRealResendPace() : ConnectSystem(TimeSpan.FromSeconds(60));

/// <summary>
/// What the user management refuses, and how it says so in French: bad input in "Nouveau", a wrong or too early SMS
/// code, a form someone else made stale, the organisation's last administrator, a person who is no administrator,
/// and activation codes that are wrong or used.
/// </summary>
[Collection(UserManagementRefusalsCollection.Name)]
public sealed partial class UserManagementRefusalsBrowserTests(ConnectSystemAtRealResendPace system)
{
    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task NewPersonDialog_RefusesBadInput_AWrongCode_AndACodeAskedTooSoon_ThenThePendingPersonIsRemoved() => system.RunAsync(async () =>
    {
        var claire = await UserManagementCollection.AdministratorAsync(system);
        var lena = new TestPerson("Lena", "Frei", "lena.frei@dubois.example.ch", "+41 79 500 00 21", "");
        SignedInAt("/members", claire);
        Browser.Press("#list-menu summary");
        Browser.Click("#open-detail");
        Assert.Contains("Veuillez d'abord cocher une personne.", Browser.MainText);

        Browser.Press("#list-menu summary");
        Browser.Click("#new-member");
        Browser.Submit("#new-email button[type=submit]");
        Assert.Contains("Saisissez l'adresse e-mail.", Browser.ErrorMessage("#new-email .field-error"));
        // Claire's own address: Connect says so when the member would be created, at the last step.
        Browser.Fill("Input.Email", claire.Email);
        Browser.Submit("#new-email button[type=submit]");
        Browser.Fill("Input.GivenName", claire.Person.GivenName);
        Browser.Fill("Input.FamilyName", claire.Person.FamilyName);
        Browser.Submit("#new-person button[type=submit]");
        Browser.ExpectPath("/members/new/phone");

        SendCodeTo("123");
        Assert.Equal("Ce numéro n'est pas un numéro de téléphone portable valable.", Browser.ErrorMessage("#send-code .field-error"));
        SendCodeTo("+1 202 555 0123");
        Assert.Equal("Les numéros de ce pays ne sont pas acceptés.", Browser.ErrorMessage("#send-code .field-error"));
        SendCodeTo(lena.PhoneNumber);
        Assert.Contains("Cette adresse e-mail a déjà accès à cette organisation.", Browser.Text(".alert-error"));

        // Back to the first steps, which keep what was typed.
        Browser.Click("#new-member-changes a");
        Browser.ExpectPath("/members/new/person");
        Browser.Click("#new-person a");
        Browser.ExpectPath("/members/new");
        Assert.Equal(claire.Email, Browser.ValueOf("Input.Email"));
        Browser.Fill("Input.Email", lena.Email);
        Browser.Submit("#new-email button[type=submit]");
        Assert.Equal(claire.Person.GivenName, Browser.ValueOf("Input.GivenName"));
        Browser.Fill("Input.GivenName", lena.GivenName);
        Browser.Fill("Input.FamilyName", lena.FamilyName);
        Browser.Submit("#new-person button[type=submit]");
        SendCodeTo(lena.PhoneNumber);
        var code = Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(lena.PhoneNumber));

        Browser.Fill("Input.Code", AnotherCode(code));
        Browser.Submit("#verify-phone button[type=submit]");
        Assert.Equal("Ce code n'est pas correct. Essais restants : 4.", Browser.ErrorMessage("#verify-phone .field-error"));
        Browser.Submit("#send-code button[type=submit]");
        Assert.Matches(@"Un nouveau code ne peut pas encore être envoyé\. Veuillez réessayer dans \d+ secondes\.", Browser.Text(".alert-error"));

        // The person waits in the list; checked and "Détail", they can be removed.
        Browser.Click(".back a");
        Browser.ExpectPath("/members");
        Browser.Fill("q", "frei");
        Browser.Submit("#member-search button[type=submit]");
        Assert.Equal("En attente du code SMS", Browser.Text("#members td.member-state"));
        Browser.Press("#members input[type=radio]");
        Browser.Press("#list-menu summary");
        Browser.Click("#open-detail");
        Assert.Matches(@"^/members/[0-9a-f]{32}$", Browser.Url.AbsolutePath);
        Assert.Contains("Un code SMS a été envoyé au", Browser.Text("#pending-phone"));
        Browser.Submit("#verify-phone button[type=submit]");
        Assert.Equal("Saisissez le code reçu par SMS.", Browser.ErrorMessage("#verify-phone .field-error"));
        Browser.Submit("#cancel-member button[type=submit]");
        Browser.ExpectPath("/members");
        Assert.Contains("La personne en attente a été supprimée.", Browser.MainText);
        Assert.DoesNotContain(lena.Email, Browser.Text("#members"));

        // The same pages in German.
        Browser.Submit("button[name=culture][value=de]");
        Assert.Equal("Benutzerverwaltung", Browser.Text("main h1"));
        Browser.Submit("button[name=culture][value=fr]");
    });

    [Fact]
    public Task Edit_OfAMemberSomeoneElseChanged_AsksToReload_AndTheLastAdministratorKeepsTheRight() => system.RunAsync(async () =>
    {
        var claire = await UserManagementCollection.AdministratorAsync(system);
        using var asClaire = await UserManagementCollection.AsAdministratorAsync(system);
        var members = asClaire.GetRequiredService<ConnectMemberClient>();
        var marc = (await members.CreateMemberAsync(new CreateMemberRequest
        {
            Email = "marc.roth@dubois.example.ch", GivenName = "Marc", FamilyName = "Roth", PhoneNumber = "+41 79 500 00 31",
        })).Member;

        SignedInAt($"/members/{marc.Id}/edit", claire);
        Browser.Fill("Input.GivenName", "Marco");
        // Meanwhile another administrator corrects the family name.
        var current = await members.GetMemberAsync(marc.Id);
        current.FamilyName = "Rothen";
        await members.UpdateMemberAsync(current, ["family_name"]);
        Browser.Submit("#edit-member button[type=submit]");
        Browser.ExpectPath($"/members/{marc.Id}/edit");
        Assert.Contains("Cette personne a été modifiée entre-temps par quelqu'un d'autre.", Browser.Text(".alert-error"));

        Browser.Click("#reload");
        Assert.Equal("Rothen", Browser.ValueOf("Input.FamilyName"));
        Browser.Fill("Input.GivenName", "Marco");
        Browser.Submit("#edit-member button[type=submit]");
        Browser.ExpectPath($"/members/{marc.Id}");
        Assert.Equal("Marco", Browser.Text(".member-given-name"));
        Assert.Equal("Rothen", Browser.Text(".member-family-name"));

        var self = Assert.Single((await members.ListMembersAsync(claire.Email)).Members);
        Browser.Open(system.ConsoleUrl($"/members/{self.Id}/edit"));
        // Said before anyone tries, next to the right; tried anyway, refused, and the form shows the right kept.
        Assert.StartsWith("Claire", Browser.Text("#last-administrator"));
        Assert.Contains("seul administrateur actif", Browser.Text("#last-administrator"));
        Browser.SetChecked("#Input_Administrator", false);
        Browser.Submit("#edit-member button[type=submit]");
        Assert.Contains("Votre organisation doit garder au moins un administrateur actif", Browser.Text(".alert-error"));
        Assert.True(Browser.IsChecked("#Input_Administrator"));
        Assert.True((await members.GetMemberAsync(self.Id)).Administrator);

        Browser.Open(system.ConsoleUrl("/members/0123456789abcdef0123456789abcdef"));
        Browser.ExpectPath("/members");
        Assert.Contains("Cette personne n'existe pas (ou plus) dans votre organisation.", Browser.MainText);
    });

    [Fact]
    public Task UserManagement_ForSomeoneWhoIsNoAdministrator_SaysOnlyAdministratorsMay_AndTheirOwnDataStaysTheirs() => system.RunAsync(async () =>
    {
        // Hugo has an organisation of his own and is added to Dubois SA without the administrator right, under a
        // number Claire typed: the code reaches his own phone, and he accepts in his account.
        var hugo = await system.RegisterAsync(UserManagementCollection.Hugo, recoveryCodes: true);
        using var asClaire = await UserManagementCollection.AsAdministratorAsync(system);
        var members = asClaire.GetRequiredService<ConnectMemberClient>();
        var created = await members.CreateMemberAsync(new CreateMemberRequest
        {
            Email = hugo.Email, GivenName = hugo.Person.GivenName, FamilyName = hugo.Person.FamilyName, PhoneNumber = "+41 79 500 00 41",
        });
        var code = Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(hugo.Person.PhoneNumber));
        var member = await members.VerifyMemberPhoneAsync(created.Member.Id, code);
        using (var asHugo = system.Client(hugo.SessionToken))
            await asHugo.GetRequiredService<ConnectAccountClient>().AcceptMembershipInvitationAsync(member.Id);
        using var anonymous = system.Client();
        var signIn = anonymous.GetRequiredService<ConnectSignInClient>();
        var challenge = (await signIn.StartSignInAsync(hugo.Email, hugo.Password)).Challenge;
        var atDubois = (await signIn.VerifyRecoveryCodeAsync(challenge.SignInToken, hugo.RecoveryCodes[0],
            await UserManagementCollection.OrganizationIdAsync(system))).Session;

        SignedInAt("/account", hugo with { SessionToken = atDubois.SessionToken });
        Assert.Contains("Dubois SA", Browser.Text("header"));
        Browser.Press("#main-menu summary");
        Assert.True(Browser.Exists("#menu-account"));
        Assert.False(Browser.Exists("#menu-members"));

        Browser.Open(system.ConsoleUrl("/members"));
        Browser.ExpectPath("/members/administrators-only");
        Assert.Contains("Seuls les administrateurs de l'organisation peuvent gérer les utilisateurs.", Browser.MainText);
        Browser.Open(system.ConsoleUrl("/members/new"));
        Browser.ExpectPath("/members/administrators-only");

        // Claire may give Hugo rights, but his names and number are his: another organisation relies on them.
        SignedInAt($"/members/{member.Id}/edit", await UserManagementCollection.AdministratorAsync(system));
        Browser.Fill("Input.PhoneNumber", "+41 79 500 00 42");
        Browser.Submit("#send-code button[type=submit]");
        Assert.Contains("Cette personne est aussi membre d'une autre organisation", Browser.Text(".alert-error"));
        Browser.Fill("Input.GivenName", "Hugues");
        Browser.SetChecked("input[name='Input.TopicIds'][value='contributions']", true);
        Browser.Submit("#edit-member button[type=submit]");
        Assert.Contains("Cette personne est aussi membre d'une autre organisation", Browser.Text(".alert-error"));
        Browser.Fill("Input.GivenName", "Hugo");
        Browser.Submit("#edit-member button[type=submit]");
        Browser.ExpectPath($"/members/{member.Id}");
        Assert.Equal("Cotisations", Browser.Text(".member-topics"));
    });

    [Fact]
    public Task Activation_WithAWrongCode_AShortPassword_OrAUsedLink_SaysWhy() => system.RunAsync(async () =>
    {
        var claire = await UserManagementCollection.AdministratorAsync(system);
        var eva = new TestPerson("Eva", "Keller", "eva.keller@dubois.example.ch", "+41 79 500 00 51", "Eva aime les longues phrases");
        var member = await UserManagementCollection.AuthoriseAsync(system, eva);
        var email = await system.Outbox.WaitForEmailAsync(eva.Email, ActivationLink());
        var link = ActivationLink().Match(email);

        // Her administrator cannot send the e-mail again within a minute.
        SignedInAt($"/members/{member.Id}", claire);
        Assert.Equal("En attente d'activation", Browser.Text(".member-state"));
        Browser.Submit("#resend-activation button[type=submit]");
        Assert.Matches(@"Veuillez réessayer dans \d+ secondes\.", Browser.Text(".alert-error"));

        Browser.ForgetCookies();
        Browser.Open(system.ConsoleUrl("/activate"));
        Browser.Fill("Input.Code", "ABCD-EFGH-JKMN");
        Browser.Submit("#activation-code button[type=submit]");
        Assert.Contains("Ce code d'activation n'est pas valable.", Browser.Text(".alert-error"));
        // The code typed in, as from the e-mail's text.
        Browser.Fill("Input.Code", link.Groups["code"].Value);
        Browser.Submit("#activation-code button[type=submit]");
        Assert.Contains("Bonjour Eva", Browser.MainText);
        Assert.Equal(eva.Email, Browser.Attribute("#activation-email", "value"));

        Activate("court", "court");
        Assert.Equal("Le mot de passe doit comporter au moins 12 caractères.", Browser.ErrorMessage("#activate .field-error"));
        Activate(eva.Password, "une autre phrase encore");
        Assert.Contains("Les deux mots de passe ne sont pas identiques.", Browser.ErrorMessages("#activate .field-error"));
        // Every error at once: too short and not the same.
        Activate("court", "autre");
        Assert.Equal(["Le mot de passe doit comporter au moins 12 caractères.", "Les deux mots de passe ne sont pas identiques."],
            Browser.ErrorMessages("#activate .field-error").Where(m => m.Length > 0));
        Activate(eva.Password, eva.Password);
        Browser.ExpectPath("/signin");
        Assert.Equal(eva.Email, Browser.ValueOf("Input.Email"));

        Browser.Open(new Uri(link.Value));
        Assert.Contains("Ce code d'activation n'est pas valable.", Browser.Text(".alert-error"));
        Assert.True(Browser.Exists("#activation-code"));
    });

    [Fact]
    public Task List_PagesForwardAndBack() => system.RunAsync(async () =>
    {
        var claire = await UserManagementCollection.AdministratorAsync(system);
        using var asClaire = await UserManagementCollection.AsAdministratorAsync(system);
        var members = asClaire.GetRequiredService<ConnectMemberClient>();
        for (var i = 0; i < 21; i++)
        {
            await members.CreateMemberAsync(new CreateMemberRequest
            {
                Email = $"employe{i:D2}@seiler.example.ch", GivenName = "Employé", FamilyName = "Seiler",
                PhoneNumber = $"+41 79 700 00 {i:D2}",
            });
        }

        SignedInAt("/members", claire);
        Browser.Open(system.ConsoleUrl("/members?q=seiler"));
        var first = Browser.Texts("#members td.member-email");
        Assert.Equal(20, first.Count);
        Assert.False(Browser.Exists("#previous-page"));
        Browser.Click("#next-page");
        var second = Browser.Texts("#members td.member-email");
        Assert.Single(second);
        Assert.False(Browser.Exists("#next-page"));
        Assert.Equal(21, first.Union(second).Count());
        Browser.Click("#previous-page");
        Assert.Equal(first, Browser.Texts("#members td.member-email"));
        Assert.Equal("seiler", Browser.ValueOf("q"));
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

    private void SendCodeTo(string phoneNumber)
    {
        Browser.Fill("Input.PhoneNumber", phoneNumber);
        Browser.Submit("#send-code button[type=submit]");
    }

    private void Activate(string password, string confirmation)
    {
        Browser.Fill("Input.Password", password);
        Browser.Fill("Input.PasswordConfirmation", confirmation);
        Browser.Submit("#activate button[type=submit]");
    }

    private static string AnotherCode(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"http://\S+/activate\?code=(?<code>[0-9A-Za-z\-]+)")]
    private static partial Regex ActivationLink();
}
