using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.Members;

/// <summary>
/// The guide's pages 2 to 4 in real browsers against the real server: an administrator authorises a person (e-mail,
/// names, mobile number and the SMS code the person reads out), the person activates their access and signs in,
/// the administrator grants a topic and the administrator right, changes the person's mobile number and
/// deactivates them, after which the person can no longer sign in; unchecking "Désactivé" gives the access back.
/// </summary>
[Collection(UserManagementCollection.Name)]
public sealed partial class UserManagementBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Nora =
        new("Nora", "Brun", "nora.brun@dubois.example.ch", "+41 79 500 00 11", "Nora choisit un mot de passe bien à elle");

    private const string NorasNewNumber = "+41 79 500 00 12";

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task NewPerson_IsAuthorised_Activates_GetsRightsAndANewNumber_IsDeactivated_AndReactivated() => system.RunAsync(async () =>
    {
        var claire = await UserManagementCollection.AdministratorAsync(system);
        system.SignInWithRecoveryCode(claire);

        // Page 2, 1: the three dots at the very top right, "Gestion des utilisateurs".
        Browser.Press("#main-menu summary");
        Browser.Click("#menu-members");
        Browser.ExpectPath("/members");
        Assert.Equal("Gestion des utilisateurs", Browser.Text("main h1"));
        Assert.Contains(claire.Email, Browser.Texts("#members td.member-email"));

        // 2: "Nouveau" with the three dots; 3: the e-mail address; 4: given and family name.
        Browser.Press("#list-menu summary");
        Browser.Click("#new-member");
        Browser.ExpectPath("/members/new");
        Assert.Contains("Étape 1 sur 3", Browser.MainText);
        Assert.Contains("Veuillez saisir l'adresse e-mail du nouvel ayant droit.", Browser.MainText);
        Browser.Fill("Input.Email", Nora.Email);
        Browser.Submit("#new-email button[type=submit]");
        Browser.ExpectPath("/members/new/person");
        Browser.Fill("Input.GivenName", Nora.GivenName);
        Browser.Fill("Input.FamilyName", Nora.FamilyName);
        Browser.SetChecked("input[name='Input.TopicIds'][value='contributions']", true);
        Browser.Submit("#new-person button[type=submit]");

        // 5: the mobile number (1), "Envoyer le code", the "Code SMS" the person read out (2); 6: save.
        Browser.ExpectPath("/members/new/phone");
        Assert.Contains("Cotisations", Browser.Text("#new-member-summary"));
        Browser.Submit("#send-code button[type=submit]");
        Assert.Equal("Saisissez le numéro de téléphone portable.", Browser.ErrorMessage("#send-code .field-error"));
        Browser.Fill("Input.PhoneNumber", Nora.PhoneNumber);
        Browser.Submit("#send-code button[type=submit]");
        Assert.Matches("Un code a été envoyé au •+11\\.", Browser.MainText);
        Browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(Nora.PhoneNumber)));
        Browser.Submit("#verify-phone button[type=submit]");

        Assert.Matches(DetailPath(), Browser.Url.AbsolutePath);
        var detail = Browser.Url.AbsolutePath;
        Assert.Contains($"La personne reçoit un e-mail à l'adresse {Nora.Email} avec les prochaines étapes", Browser.MainText);
        Assert.Equal("En attente d'activation", Browser.Text(".member-state"));
        Assert.Equal("Cotisations", Browser.Text(".member-topics"));
        Assert.Contains("Conseil : l'administrateur peut modifier ici les numéros de téléphone portable des personnes autorisées.", Browser.MainText);
        Assert.Contains("Numéro de portable vérifié", Browser.Text("#history"));
        Assert.Null(Browser.Cookie("connect_new_member"));

        // The person, in a browser of their own: the e-mail's link, whom it is for, the password twice.
        using var person = new HeadlessChromium();
        var activation = await system.Outbox.WaitForEmailAsync(Nora.Email, ActivationLink());
        person.Open(new Uri(ActivationLink().Match(activation).Value));
        person.ExpectPath("/activate");
        Assert.Contains("Bonjour Nora", person.MainText);
        Assert.Contains("Dubois SA", person.MainText);
        person.Fill("Input.Password", Nora.Password);
        person.Fill("Input.PasswordConfirmation", Nora.Password);
        person.Submit("#activate button[type=submit]");
        person.ExpectPath("/signin");
        Assert.Contains("Votre accès est activé.", person.MainText);
        Assert.Equal(Nora.Email, person.ValueOf("Input.Email"));

        // The first sign-in asks for an SMS code to the number verified a moment ago, and Connect sends one per number
        // every 60 seconds: the person waits for it while the administrator goes on.
        var firstSignIn = Task.Run(() => SignInWithSmsAsync(person, Nora.Password, Nora.PhoneNumber));

        // The list finds the person by name or e-mail; a double-click on the row opens the detail.
        Browser.Click(".back a");
        Browser.ExpectPath("/members");
        Search("brun");
        Assert.Equal(Nora.Email, Assert.Single(Browser.Texts("#members td.member-email")));
        Assert.Equal("Actif", Browser.Text("#members td.member-state"));
        Search("NORA.BRUN@dubois");
        Assert.Equal(Nora.Email, Assert.Single(Browser.Texts("#members td.member-email")));
        Search("personne inconnue");
        Assert.Contains("Aucune personne trouvée.", Browser.Text("#members"));
        Search("brun");
        Browser.DoubleClick("#members td.member-email");
        Browser.ExpectPath(detail);

        // Page 3: "Editer", the administrator right and one more topic, saved.
        Browser.Click("#edit-member");
        Browser.ExpectPath(detail + "/edit");
        Assert.Contains("Conseil : l'administrateur peut modifier ici", Browser.MainText);
        Assert.Contains("Droit d'administrateur", Browser.Text("#edit-member"));
        Browser.SetChecked("#Input_Administrator", true);
        Browser.SetChecked("input[name='Input.TopicIds'][value='family-allowances']", true);
        Browser.Submit("#edit-member button[type=submit]");
        Browser.ExpectPath(detail);
        Assert.Contains("Les modifications ont été enregistrées.", Browser.MainText);
        Assert.Equal("Oui", Browser.Text(".member-administrator"));
        Assert.Equal("Cotisations, Allocations familiales", Browser.Text(".member-topics"));
        Assert.Contains("Droit d'administrateur : Non → Oui", Browser.Text("#history"));

        // Signed in, the person is an administrator now: the header's menu offers the user management.
        await firstSignIn;
        person.Open(system.ConsoleUrl("/account"));
        person.ExpectPath("/account");
        Assert.Contains("Nora Brun", person.Text("header"));
        Assert.True(person.Exists("#menu-members"));

        // The mobile number, changed with the code sent to the new number; the old one counts until then.
        Browser.Click("#edit-member");
        Browser.Fill("Input.PhoneNumber", "");
        Browser.Submit("#send-code button[type=submit]");
        Assert.Equal("Saisissez le nouveau numéro de téléphone portable.", Browser.ErrorMessage("#send-code .field-error"));
        Browser.Fill("Input.PhoneNumber", NorasNewNumber);
        Browser.Submit("#send-code button[type=submit]");
        Assert.Matches("Un code a été envoyé au •+12\\.", Browser.MainText);
        Assert.Matches("Numéro actuel : •+11", Browser.MainText);
        Browser.Submit("#confirm-phone button[type=submit]");
        Assert.Equal("Saisissez le code reçu par SMS.", Browser.ErrorMessage("#confirm-phone .field-error"));
        Browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(NorasNewNumber)));
        Browser.Submit("#confirm-phone button[type=submit]");
        Browser.ExpectPath(detail);
        Assert.Matches("Le numéro de téléphone portable de Nora Brun a été modifié : •+12\\.", Browser.MainText);
        Assert.Matches("^•+12$", Browser.Text(".member-phone"));

        // Page 4: "Editer", "Désactivé", save, and the confirmation asked apart: her session ends at once and she can
        // no longer sign in. Cancelling first changes nothing.
        Browser.Click("#edit-member");
        Browser.SetChecked("#Input_Deactivated", true);
        Browser.Submit("#edit-member button[type=submit]");
        Assert.Equal("Désactiver Nora Brun ?", Browser.Text(".confirmation h2"));
        Browser.Click(".confirmation a");
        Browser.Open(system.ConsoleUrl(detail));
        Assert.Equal("Actif", Browser.Text(".member-state"));
        Browser.Click("#edit-member");
        Browser.SetChecked("#Input_Deactivated", true);
        Browser.Submit("#edit-member button[type=submit]");
        Browser.Submit("#confirm-deactivate button[type=submit]");
        Browser.ExpectPath(detail);
        Assert.Contains("Nora Brun a été désactivé(e). Sessions terminées : 1.", Browser.MainText);
        Assert.Equal("Désactivé", Browser.Text(".member-state"));
        Browser.Open(system.ConsoleUrl("/members?q=brun"));
        Assert.Contains("Aucune personne trouvée.", Browser.Text("#members"));
        Browser.Open(system.ConsoleUrl("/members?q=brun&state=deactivated"));
        Assert.Equal("Désactivé", Browser.Text("#members td.member-state"));

        person.Open(system.ConsoleUrl("/account"));
        person.ExpectPath("/signin");
        Assert.Contains("Votre session a pris fin", person.MainText);
        person.Fill("Input.Email", Nora.Email);
        person.Fill("Input.Password", Nora.Password);
        person.Submit("#sign-in button[type=submit]");
        person.ExpectPath("/signin");
        Assert.Contains("L'adresse e-mail ou le mot de passe n'est pas correct.", person.MainText);

        // Unchecking "Désactivé" gives her access back with the rights she had.
        Browser.Open(system.ConsoleUrl(detail + "/edit"));
        Assert.True(Browser.IsChecked("#Input_Deactivated"));
        Browser.SetChecked("#Input_Deactivated", false);
        Browser.Submit("#edit-member button[type=submit]");
        Browser.ExpectPath(detail);
        Assert.Contains("Nora Brun a de nouveau accès.", Browser.MainText);
        Assert.Equal("Actif", Browser.Text(".member-state"));
        Assert.Equal("Oui", Browser.Text(".member-administrator"));
    });


    /// <summary>A first sign-in on a page whose e-mail field the activation filled: password, then the SMS code.</summary>
    private async Task SignInWithSmsAsync(HeadlessChromium browser, string password, string phoneNumber)
    {
        browser.Fill("Input.Password", password);
        browser.Submit("#sign-in button[type=submit]");
        browser.ExpectPath("/signin/second-factor");
        await browser.SubmitWithinTheResendLimitAsync("#send-code button[type=submit]");
        browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(phoneNumber)));
        browser.Submit("#verify button[type=submit]");
        browser.ExpectPath("/account");
    }

    private void Search(string words)
    {
        Browser.Fill("q", words);
        Browser.Submit("#member-search button[type=submit]");
    }

    [GeneratedRegex(@"^/members/[0-9a-f]{32}$")]
    private static partial Regex DetailPath();

    [GeneratedRegex(@"http://\S+/activate\?code=[0-9A-Za-z%\-]+")]
    private static partial Regex ActivationLink();
}
