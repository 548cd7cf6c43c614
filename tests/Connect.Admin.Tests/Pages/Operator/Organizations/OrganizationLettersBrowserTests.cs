using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>
/// The fund's daily work in real browsers against the real server: an operator creates an organisation, prints its
/// invitation letter and prints it again (the first code dies), and the access code read out of the downloaded PDF
/// registers the organisation's administrator through the console's registration; a CSV import is previewed with its
/// problems, then a good file is imported and the checked organisations get their letters in one PDF.
/// </summary>
[Collection(OrganizationsCollection.Name)]
public sealed partial class OrganizationLettersBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Luc =
        new("Luc", "Rochat", "luc.rochat@rochat.example.ch", "+41 79 600 00 01", "Luc garde les comptes de la fiduciaire");

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Operator_CreatesAnOrganization_PrintsItsLetter_AndTheCodeInThePdfRegistersItsAdministrator() => system.RunAsync(async () =>
    {
        var fundOperator = await system.OperatorAsync();
        system.SignInWithRecoveryCode(fundOperator);

        // ⋮ → "Espace de la caisse" → "Organisations" → "Nouvelle organisation".
        Browser.Press("#main-menu summary");
        Browser.Click("#menu-operator");
        Browser.ExpectPath("/operator");
        Browser.Click("#operator-organizations");
        Browser.ExpectPath("/operator/organizations");
        Assert.Contains(fundOperator.OrganizationName, Browser.Texts("#organizations td.organization-name"));
        Browser.Click("#new-organization");
        Browser.ExpectPath("/operator/organizations/new");
        Browser.Fill("Input.DisplayName", "Fiduciaire Rochat Sàrl");
        Browser.Fill("Input.AffiliateNumber", "300.100.001");
        Browser.Choose("Input.Language", "fr");
        Browser.SetChecked("input[name='Input.TopicIds'][value='contributions']", true);
        Browser.Fill("Input.PersonName", "Luc Rochat");
        Browser.Fill("Input.AddressLines", "Rue du Lac 5");
        Browser.Fill("Input.PostalCode", "1820");
        Browser.Fill("Input.Locality", "Montreux");
        Browser.Submit("#new-organization button[type=submit]");

        Assert.Matches(DetailPath(), Browser.Url.AbsolutePath);
        var detail = Browser.Url.AbsolutePath;
        Assert.Contains("L'organisation Fiduciaire Rochat Sàrl a été créée.", Browser.MainText);
        Assert.Equal("300.100.001", Browser.Text(".organization-affiliate-number"));
        Assert.Equal("Active", Browser.Text(".organization-state"));
        Assert.Equal("Cotisations", Browser.Text(".organization-topics"));
        Assert.Contains("Rue du Lac 5", Browser.Text(".organization-address"));
        Assert.Contains("1820 Montreux", Browser.Text(".organization-address"));
        Assert.Contains("Aucune invitation jusqu'ici.", Browser.Text("#invitations"));

        // "Lettre d'invitation": the answer is the letter itself, the page stays.
        var letter = await Browser.DownloadAsync("#invite-letter button[type=submit]");
        Assert.Equal("invitation-300.100.001.pdf", Path.GetFileName(letter));
        Assert.Contains("Il contient le code d'accès", Browser.Text("#download-notice"));
        var text = OrganizationsCollection.PdfText(letter);
        Assert.Contains("Fiduciaire Rochat Sàrl", text);
        var code = Assert.Single(OrganizationsCollection.AccessCodes(text));

        // The refreshed page lists the pending letter invitation.
        Browser.Click("#download-notice a");
        Assert.Contains("La lettre d'invitation pour Fiduciaire Rochat Sàrl a été téléchargée", Browser.MainText);
        Assert.Equal("Lettre", Browser.Text(".invitation-delivery"));
        Assert.Equal("En attente", Browser.Text(".invitation-state"));

        // "Imprimer à nouveau": a new letter with a new code; the first one is dead.
        var again = await Browser.DownloadAsync(".invitation-resend button[type=submit]");
        var newCode = Assert.Single(OrganizationsCollection.AccessCodes(OrganizationsCollection.PdfText(again)));
        Assert.NotEqual(code, newCode);
        Browser.Click("#download-notice a");
        Assert.Equal(["En attente", "Révoquée"], Browser.Texts(".invitation-state"));

        // The administrator, in a browser of their own, types the code of the letter.
        using (var administrator = new HeadlessChromium())
        {
            administrator.Open(system.ConsoleUrl("/register"));
            administrator.Fill("Input.AccessCode", code);
            administrator.Submit();
            Assert.Contains("Ce code d'accès n'est pas valable", administrator.MainText);
            await RegisterAsync(administrator, newCode, Luc, "Fiduciaire Rochat Sàrl");
        }

        Browser.Open(system.ConsoleUrl(detail));
        Assert.Equal(["Utilisée", "Révoquée"], Browser.Texts(".invitation-state"));
        Assert.StartsWith("Utilisée le ", Browser.Text(".invitation-redeemed"));
        Assert.False(Browser.Exists(".invitation-revoke"));
    });

    [Fact]
    public Task Import_PreviewShowsEachBadRowsProblem_ThenAGoodFileIsImported_AndCheckedOrganisationsGetTheirLetters() => system.RunAsync(async () =>
    {
        var fundOperator = await system.OperatorAsync();
        await OrganizationsCollection.CreateAsync(system, "Garage Meier AG", "300.200.001");
        OrganizationsCollection.SignedInAt(system, "/operator/organizations", fundOperator);
        Browser.Click("#import-organizations");
        Browser.ExpectPath("/operator/organizations/import");

        // A file whose rows take a number already in use, repeat a number of the file, and want a letter without address.
        Upload("bad.csv",
            "name;affiliate_number;invitation;street;postal_code;locality\n" +
            "Café Central Sàrl;300.200.010;central@cafe.example.ch;;;\n" +
            "Garage Meier Filiale;300.200.001;filiale@meier.example.ch;;;\n" +
            "Café Central bis;300.200.010;bis@cafe.example.ch;;;\n" +
            "Kiosque du Port;300.200.011;letter;;;\n");
        Assert.Equal(4, Browser.Texts("#import-rows tr.import-row").Count);
        Assert.Equal("En ordre", Browser.Text("#import-rows tr.import-row:nth-child(1) .import-problems"));
        Assert.Contains("affiliate_number : Ce numéro d'affilié appartient déjà à une autre organisation.",
            Browser.Text("#import-rows tr.import-row:nth-child(2) .import-problems"));
        Assert.Contains("affiliate_number : Ce numéro d'affilié appartient déjà à une autre organisation.",
            Browser.Text("#import-rows tr.import-row:nth-child(3) .import-problems"));
        Assert.Contains("Une lettre nécessite l'adresse postale", Browser.Text("#import-rows tr.import-row:nth-child(4) .import-problems"));
        Assert.False(Browser.Exists("#import-confirm"));
        Assert.Contains("l'import n'est possible que sans aucun problème", Browser.Text(".import-blocked"));

        // The good file: two e-mail rows and a letter row with its address.
        Upload("good.csv",
            "name,affiliate_number,invitation,street,postal_code,locality\n" +
            "Café Central Sàrl,300.200.010,central@cafe.example.ch,,,\n" +
            "Kiosque du Port,300.200.011,letter,Quai du Port 2,1006,Lausanne\n" +
            "Boucherie Vuille,300.200.012,vuille@boucherie.example.ch,,,\n");
        Assert.Contains("Lignes : 3 · lettres : 1 · lignes avec des problèmes : 0", Browser.Text(".import-summary"));
        var letters = await Browser.DownloadAsync("#import-confirm button[type=submit]");
        Assert.Equal("letters-good.pdf", Path.GetFileName(letters));
        var text = OrganizationsCollection.PdfText(letters);
        Assert.Contains("Kiosque du Port", text);
        Assert.Single(OrganizationsCollection.AccessCodes(text));
        await system.Outbox.WaitForEmailAsync("central@cafe.example.ch", RegisterLink());
        await system.Outbox.WaitForEmailAsync("vuille@boucherie.example.ch", RegisterLink());

        Browser.Click("#download-notice a");
        Browser.ExpectPath("/operator/organizations");
        Assert.Contains("3 organisation(s) importée(s) ; le PDF des 1 lettre(s) a été téléchargé", Browser.MainText);

        // The list finds them by affiliate number; the checked ones get their letters in one PDF, all or none.
        Browser.Fill("q", "300.200.0");
        Browser.Submit("#organization-search button[type=submit]");
        Assert.Equal(["300.200.001", "300.200.010", "300.200.011", "300.200.012"], Browser.Texts("#organizations td.organization-affiliate-number").Order());
        Browser.Submit("#print-letters");
        Assert.Contains("Veuillez d'abord cocher au moins une organisation.", Browser.Text(".alert-error"));
        Browser.SetChecked(CheckBoxOf("Café Central Sàrl"), true);
        Browser.SetChecked(CheckBoxOf("Kiosque du Port"), true);
        Browser.Submit("#print-letters");
        Assert.Contains("Une lettre nécessite l'adresse postale", Browser.Text(".alert-error"));
        Browser.SetChecked(CheckBoxOf("Café Central Sàrl"), false);
        Browser.SetChecked(CheckBoxOf("Garage Meier AG"), true);
        var batch = await Browser.DownloadAsync("#print-letters");
        Assert.StartsWith("letters-", Path.GetFileName(batch));
        var batchText = OrganizationsCollection.PdfText(batch);
        Assert.Contains("Garage Meier AG", batchText);
        Assert.Contains("Kiosque du Port", batchText);
        Assert.Equal(2, OrganizationsCollection.AccessCodes(batchText).Count);
    });

    private static string CheckBoxOf(string organizationName) => $"input[name=ids][aria-label='Sélectionner {organizationName}']";


    /// <summary>Writes <paramref name="content"/> as a file and checks it on the import page.</summary>
    private void Upload(string fileName, string content)
    {
        var folder = Directory.CreateTempSubdirectory("connect-import-").FullName;
        var file = Path.Combine(folder, fileName);
        File.WriteAllText(file, content);
        Browser.Attach("Input.File", file);
        Browser.Submit("#import-upload button[type=submit]");
        Browser.ExpectPath("/operator/organizations/import");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The guide's page 1 with the letter's code: the console's registration, from the code to "Terminer".</summary>
    private async Task RegisterAsync(HeadlessChromium browser, string accessCode, TestPerson person, string organizationName)
    {
        browser.Open(system.ConsoleUrl("/register"));
        browser.Fill("Input.AccessCode", accessCode);
        browser.Submit();
        browser.ExpectPath("/register/email");
        Assert.Contains(organizationName, browser.MainText);
        browser.Fill("Input.Email", person.Email);
        browser.Submit();
        browser.ExpectPath("/register/email-code");
        browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForEmailAsync(person.Email, EmailLink())));
        browser.Submit();
        browser.ExpectPath("/register/profile");
        browser.Fill("Input.GivenName", person.GivenName);
        browser.Fill("Input.FamilyName", person.FamilyName);
        browser.Fill("Input.Password", person.Password);
        browser.Fill("Input.PasswordConfirmation", person.Password);
        browser.Submit();
        browser.ExpectPath("/register/phone");
        browser.Fill("Input.PhoneNumber", person.PhoneNumber);
        browser.Submit("#send-code button[type=submit]");
        browser.Fill("Input.Code", Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(person.PhoneNumber)));
        browser.Submit("#verify-phone button[type=submit]");
        browser.ExpectPath("/register/finish");
        browser.Submit();
        browser.ExpectPath("/register/done");
        Assert.Contains(organizationName, browser.MainText);
    }

    [GeneratedRegex(@"^/operator/organizations/[0-9a-f]{32}$")]
    private static partial Regex DetailPath();

    [GeneratedRegex(@"/register/email-link\?token=")]
    private static partial Regex EmailLink();

    [GeneratedRegex(@"/register\?code=")]
    private static partial Regex RegisterLink();
}
