using System.Text;
using Connect.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using UglyToad.PdfPig;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>Bulk creation from a CSV file: the preview with each row's problems, and the all-or-nothing import.</summary>
public sealed class OrganizationImportTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public OrganizationImportTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private const string Header = "name;affiliate_number;invitation;language;contact_name;street;postal_code;locality;country_code";

    private static ByteString Utf8(string text, bool byteOrderMark = false) =>
        ByteString.CopyFrom([.. byteOrderMark ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);

    private async Task<ImportOrganizationsResponse> Preview(ByteString csv) =>
        await _desk.Organizations.ImportOrganizationsAsync(new() { Csv = csv, ValidateOnly = true }, await _desk.Operator());

    private async Task<ImportOrganizationsResponse> Import(ByteString csv) =>
        await _desk.Organizations.ImportOrganizationsAsync(new() { Csv = csv }, await _desk.Operator());

    private async Task<Google.Rpc.Status> ImportFails(StatusCode code, string reason, ByteString csv, bool validateOnly = false) =>
        await RpcAssert.Fails(code, reason, _desk.Organizations.ImportOrganizationsAsync(new() { Csv = csv, ValidateOnly = validateOnly }, await _desk.Operator()));

    /// <summary>Nothing of an import is stored: only the organisations there were before, no invitation, no e-mail.</summary>
    private void AssertNothingWritten(int organizationsBefore, params string[] addresses)
    {
        Assert.Equal(organizationsBefore, _desk.Stored().Count);
        Assert.DoesNotContain(_desk.Events("invitation.created"), e => e.Details.GetValueOrDefault("delivery") != "bootstrap");
        Assert.DoesNotContain(_desk.Events("organization.created"), e => e.Details.GetValueOrDefault("source") == "import");
        foreach (var address in addresses) Assert.Empty(_server.Mail.To(address));
    }

    /// <summary>A file with a problem on most rows, one empty line and a spreadsheet's empty row in it.</summary>
    private static string BadFile() => string.Join("\n",
        Header,                                                                   // 1
        "Bäckerei Müller;800.001;chef@mueller.test;de;;;;;",                     // 2 right
        ";800.002;x@leer.test;;;;;;",                                             // 3 no name
        "Garage Rossi;bad number!;rossi@garage.test;it;;;;;",                     // 4 affiliate number
        "",                                                                       // 5 empty line
        "Vergeben AG;700.000;a@vergeben.test;;;;;;",                              // 6 taken by an organisation
        "Doppel AG;800.001;b@doppel.test;;;;;;",                                  // 7 the number of line 2
        ";;;;;;;;",                                                               // 8 an empty row
        "Brief AG;800.009;Brief;fr;Hans Brief;;3000;Bern;",                       // 9 a letter without street
        "Mail AG;800.010;not-an-address;xx;;;3000/1;;CHE",                       // 10 invitation, language, postal code, country
        "Lettre SA;800.011;LETTRE;;Marie Dupont;Rue du Lac 2;1003;Lausanne;ch",   // 11 right, a letter
        "Extra AG;800.012;c@extra.test;;;;;;;surplus",                            // 12 a field too many
        "Leer AG;800.013;;;;;;;");                                                // 13 no invitation

    private static readonly (int Line, string Column, string Reason)[] BadFileProblems =
    [
        (3, "name", "FIELD_INVALID"),
        (4, "affiliate_number", "FIELD_INVALID"),
        (6, "affiliate_number", "AFFILIATE_NUMBER_TAKEN"),
        (7, "affiliate_number", "AFFILIATE_NUMBER_TAKEN"),
        (9, "street", "POSTAL_ADDRESS_MISSING"),
        (10, "country_code", "FIELD_INVALID"),
        (10, "invitation", "FIELD_INVALID"),
        (10, "language", "FIELD_INVALID"),
        (10, "postal_code", "FIELD_INVALID"),
        (12, "", "FIELD_INVALID"),
        (13, "invitation", "FIELD_INVALID"),
    ];

    [Fact]
    public async Task Preview_OfAFileWithBadRows_ReportsEachProblemOnItsLine_AndWritesNothing()
    {
        await _desk.Create("700.000", "Vergeben AG");
        var before = _desk.Stored().Count;

        var preview = await Preview(Utf8(BadFile()));

        Assert.Equal([2, 3, 4, 6, 7, 9, 10, 11, 12, 13], preview.Rows.Select(r => r.Line));
        Assert.Equal(BadFileProblems.Select(p => (p.Line, p.Column, p.Reason)),
            preview.Rows.SelectMany(r => r.Problems.Select(p => (r.Line, p.Column, ReasonName(p.Reason))))
                .OrderBy(p => p.Line).ThenBy(p => p.Column, StringComparer.Ordinal));
        var rows = preview.Rows.ToDictionary(r => r.Line);
        Assert.Empty(rows[2].Problems);
        Assert.Equal(("Bäckerei Müller", "800.001", "chef@mueller.test", false), (rows[2].DisplayName, rows[2].AffiliateNumber, rows[2].InvitationEmail, rows[2].Letter));
        Assert.Empty(rows[11].Problems);
        Assert.True(rows[11].Letter);
        Assert.Equal("", rows[11].InvitationEmail);
        Assert.True(rows[9].Letter);
        Assert.Equal("bad number!", rows[4].AffiliateNumber);
        Assert.Equal("already taken by Vergeben AG", rows[6].Problems.Single().Description);
        Assert.Equal("also on line 2", rows[7].Problems.Single().Description);
        Assert.All(preview.Rows, r => Assert.Equal("", r.OrganizationId));
        Assert.Equal(0, preview.CreatedCount);
        Assert.Empty(preview.Invitations);
        Assert.True(preview.LettersPdf.IsEmpty);
        AssertNothingWritten(before, "chef@mueller.test");
    }

    [Fact]
    public async Task Import_OfAFileWithBadRows_FailsWithImportInvalid_NamingEveryProblem_AndWritesNothing()
    {
        await _desk.Create("700.000", "Vergeben AG");
        var before = _desk.Stored().Count;

        var status = await ImportFails(StatusCode.InvalidArgument, "IMPORT_INVALID", Utf8(BadFile()));

        Assert.Equal(BadFileProblems.Select(p => p.Column.Length == 0 ? $"rows[{p.Line}]" : $"rows[{p.Line}].{p.Column}").Order(StringComparer.Ordinal),
            status.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Equal(BadFileProblems.Length.ToString(), status.GetDetail<ErrorInfo>()!.Metadata["problems"]);
        AssertNothingWritten(before, "chef@mueller.test");
    }

    [Fact]
    public async Task Import_OfAGoodFile_CreatesOrganizationsAndInvitations_SendsTheEmails_AndPrintsOneLetterPerLetterRow()
    {
        await _desk.Organizations.RetireTopicAsync(new() { Id = "loss-of-earnings" }, await _desk.Operator());
        var file = string.Join("\r\n",
            "Name ; Affiliate_Number ; INVITATION ; Language ; Contact_Name ; Street ; Postal_Code ; Locality ; Country_Code",
            "Bäckerei Müller;900.001; Chef@Mueller.test ;de;Hans Müller;;;;",
            "Boulangerie Dupont;900.002;letter;fr;Marie Dupont;Rue du Lac 2;1003;Lausanne;",
            "Panetteria Rossi;900.003;Lettera;it;;Via Nassa 5;6900;Lugano;CH",
            "Bakery Smith;900.004;smith@bakery.test;;;;;;",
            "");

        var imported = await Import(Utf8(file, byteOrderMark: true));

        Assert.Equal(4, imported.CreatedCount);
        Assert.Equal(4, imported.Invitations.Count);
        Assert.All(imported.Rows, r => Assert.Empty(r.Problems));
        Assert.All(imported.Rows, r => Assert.NotEqual("", r.OrganizationId));
        Assert.Equal(imported.Rows.Select(r => r.OrganizationId), imported.Invitations.Select(i => i.OrganizationId));
        Assert.Equal([InvitationDelivery.Email, InvitationDelivery.Letter, InvitationDelivery.Letter, InvitationDelivery.Email],
            imported.Invitations.Select(i => i.Delivery));
        Assert.All(imported.Invitations, i => Assert.Equal(InvitationState.Pending, i.State));

        var mueller = await _desk.Get(imported.Rows[0].OrganizationId);
        Assert.Equal(("Bäckerei Müller", "900.001", Language.De, "Hans Müller"), (mueller.DisplayName, mueller.AffiliateNumber, mueller.Language, mueller.Contact.PersonName));
        Assert.Equal(["contributions", "family-allowances", "salary-declarations"], mueller.TopicIds);
        var dupont = await _desk.Get(imported.Rows[1].OrganizationId);
        Assert.Equal(["Rue du Lac 2"], dupont.Contact.AddressLines);
        Assert.Equal(("1003", "Lausanne", "CH"), (dupont.Contact.PostalCode, dupont.Contact.Locality, dupont.Contact.CountryCode));
        Assert.Equal(Language.Fr, (await _desk.Get(imported.Rows[3].OrganizationId)).Language);
        Assert.All(imported.Rows, r => Assert.Equal("import", Assert.Single(_desk.Events(r.OrganizationId, "organization.created")).Details["source"]));

        // The e-mails carry codes that register the administrators.
        var mail = await _server.Mail.WaitForText("chef@mueller.test");
        Assert.Contains("Bäckerei Müller", mail);
        var finished = await _desk.Registrar.RegisterNew(TestCodes.AccessCode(mail)!, "chef@mueller.test", "+41795590001");
        Assert.Equal(mueller.Id, finished.OrganizationId);
        await _server.Mail.WaitForText("smith@bakery.test");

        // One PDF for the print shop, a page per letter row, each with its organisation.
        using var pdf = PdfDocument.Open(imported.LettersPdf.ToByteArray());
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Contains("Boulangerie Dupont", pdf.GetPage(1).Text);
        Assert.Contains("Panetteria Rossi", pdf.GetPage(2).Text);

        // The same file again: every number is taken now.
        var again = await Preview(Utf8(file, byteOrderMark: true));
        Assert.All(again.Rows, r => Assert.Equal(ErrorReason.AffiliateNumberTaken, Assert.Single(r.Problems).Reason));
    }

    [Fact]
    public async Task Import_OfACommaSeparatedFile_WithQuotedFields_AndOnlyEmailRows_HasNoLetters()
    {
        var file = "invitation,name,affiliate_number\n"
            + "\"boss@rossi.test\",\"Rossi, Figli & Co\",\"910.001\"\n"
            + "info@bianchi.test,\"Bianchi \"\"Il Forno\"\"\",910.002\n";

        var imported = await Import(Utf8(file));

        Assert.Equal(2, imported.CreatedCount);
        Assert.True(imported.LettersPdf.IsEmpty);
        Assert.Equal(["Rossi, Figli & Co", "Bianchi \"Il Forno\""], imported.Rows.Select(r => r.DisplayName));
        Assert.Equal([2, 3], imported.Rows.Select(r => r.Line));
        Assert.Equal(Language.Fr, (await _desk.Get(imported.Rows[0].OrganizationId)).Language);
        Assert.Contains("Rossi, Figli & Co", await _server.Mail.WaitForText("boss@rossi.test"));
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotUtf8_FailsWithImportEncodingInvalid()
    {
        var before = _desk.Stored().Count;
        // "Société" as a spreadsheet saves it in Windows-1252: é is the single byte E9.
        var windows1252 = ByteString.CopyFrom([.. Encoding.ASCII.GetBytes("name;affiliate_number;invitation\nSoci"), 0xE9, (byte)'t', 0xE9,
            .. Encoding.ASCII.GetBytes(" SA;920.001;letter\n")]);

        await ImportFails(StatusCode.InvalidArgument, "IMPORT_ENCODING_INVALID", windows1252, validateOnly: true);
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_ENCODING_INVALID", windows1252);
        AssertNothingWritten(before);
    }

    [Fact]
    public async Task Import_OfTooManyRowsOrBytes_FailsWithImportTooLarge()
    {
        var before = _desk.Stored().Count;
        string Rows(int count) => "name;affiliate_number;invitation\n"
            + string.Concat(Enumerable.Range(1, count).Select(i => $"Firma {i};930.{i:00000};admin{i}@firma.test\n"));

        await ImportFails(StatusCode.InvalidArgument, "IMPORT_TOO_LARGE", Utf8(Rows(10_000)));
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_TOO_LARGE", Utf8(Rows(1_001)), validateOnly: true);
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_TOO_LARGE", Utf8(Rows(1_001)));
        var oversized = Utf8("name;affiliate_number;invitation\nFirma;1;" + new string('a', 1024 * 1024) + "@firma.test\n");
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_TOO_LARGE", oversized);
        AssertNothingWritten(before);

        // 1,000 rows is the most a file holds.
        var preview = await Preview(Utf8(Rows(1_000)));
        Assert.Equal(1_000, preview.Rows.Count);
        Assert.All(preview.Rows, r => Assert.Empty(r.Problems));
        Assert.Equal(1_001, preview.Rows[^1].Line);
    }

    [Fact]
    public async Task Import_OfAFileWithoutItsColumnsOrRows_FailsWithImportInvalid()
    {
        var before = _desk.Stored().Count;
        async Task Invalid(string text, string expected)
        {
            var status = await ImportFails(StatusCode.InvalidArgument, "IMPORT_INVALID", Utf8(text), validateOnly: true);
            var violation = status.GetDetail<BadRequest>()!.FieldViolations.Single();
            Assert.Equal("csv", violation.Field);
            Assert.Contains(expected, violation.Description);
        }

        await Invalid("name;affiliate_number\nMuster AG;940.001\n", "'invitation'");
        await Invalid("name;invitation\nMuster AG;letter\n", "'affiliate_number'");
        await Invalid("", "empty");
        await Invalid(" \r\n \n", "empty");
        await Invalid("name;affiliate_number;invitation\n", "no rows");
        await Invalid("name;affiliate_number;invitation\n;;\n", "no rows");
        await Invalid("name;affiliate_number;invitation;adress\nMuster AG;940.001;letter;x\n", "unknown column 'adress'");
        await Invalid("name;affiliate_number;invitation;name\nMuster AG;940.001;letter;x\n", "'name' twice");
        await Invalid("name;affiliate_number;invitation\n\"Muster AG;940.001;letter\n", "not valid CSV");
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_INVALID", Utf8("", byteOrderMark: true));
        await ImportFails(StatusCode.InvalidArgument, "IMPORT_INVALID", ByteString.Empty);
        AssertNothingWritten(before);
    }

    private static string ReasonName(ErrorReason reason) =>
        ErrorReasonReflection.Descriptor.EnumTypes[0].FindValueByNumber((int)reason).Name["ERROR_REASON_".Length..];
}
