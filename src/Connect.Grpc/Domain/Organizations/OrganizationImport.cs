using System.Globalization;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>One row of an import as checked (and, after an import, with the organisation made from it).</summary>
internal sealed record ImportedRow(int Line, string DisplayName, string AffiliateNumber, string InvitationEmail, bool Letter,
    IReadOnlyList<InputProblem> Problems, string? OrganizationId);

/// <summary>The preview, or what an import made: every row, the invitations in row order and the letters' PDF (null when no letter row).</summary>
internal sealed record ImportResult(IReadOnlyList<ImportedRow> Rows, IReadOnlyList<Invitation> Invitations, byte[]? LettersPdf);

/// <summary>
/// Bulk creation of organisations from a CSV file, each with an invitation for its administrator by e-mail or by letter.
/// The rows are checked with exactly the checks of a single creation; a preview (<c>validate_only</c>) lists every row's
/// problems and writes nothing. An import is all or nothing: any problem writes nothing; otherwise one write creates every
/// organisation, issues every invitation, queues the e-mails and renders the letters, so that a failure anywhere (the PDF
/// included) rolls everything back.
/// </summary>
internal sealed class OrganizationImport(
    IStore store,
    UnitOfWork work,
    OrganizationChanges changes,
    Invitations invitations)
{
    public const string NameColumn = "name";
    public const string AffiliateNumberColumn = "affiliate_number";
    public const string InvitationColumn = "invitation";
    public const string LanguageColumn = "language";
    public const string ContactNameColumn = "contact_name";
    public const string StreetColumn = "street";
    public const string PostalCodeColumn = "postal_code";
    public const string LocalityColumn = "locality";
    public const string CountryCodeColumn = "country_code";

    public static readonly IReadOnlyList<string> Required = [NameColumn, AffiliateNumberColumn, InvitationColumn];
    public static readonly IReadOnlyList<string> Optional = [LanguageColumn, ContactNameColumn, StreetColumn, PostalCodeColumn, LocalityColumn, CountryCodeColumn];

    /// <summary>The word for "by letter" in the fund's languages, any case.</summary>
    public static readonly IReadOnlyList<string> LetterWords = ["letter", "lettre", "brief", "lettera"];

    /// <summary>At most this many problems travel as field violations (a status travels in a trailer of limited size); the preview has them all.</summary>
    public const int MaxViolations = 100;

    private const string Source = "import";

    /// <summary>An organisation's fields by their import column.</summary>
    private static string ColumnOf(string field) => field switch
    {
        OrganizationInput.Fields.DisplayName => NameColumn,
        OrganizationInput.Fields.PersonName => ContactNameColumn,
        OrganizationInput.Fields.AddressLines => StreetColumn,
        _ => field,
    };

    private sealed class Row(CsvRow csv)
    {
        public CsvRow Csv { get; } = csv;
        public OrganizationDraft? Draft { get; set; }
        public string DisplayName { get; set; } = "";
        public string AffiliateNumber { get; set; } = "";
        public string? Email { get; set; }
        public bool Letter { get; set; }
        public bool NumberValid { get; set; }
        public List<InputProblem> Problems { get; } = [];
        public Organization? Created { get; set; }

        public ImportedRow ToResult() => new(Csv.Line, DisplayName, AffiliateNumber, Email ?? (Letter ? "" : Csv[InvitationColumn].Trim()), Letter,
            Problems, Created?.Id);
    }

    public ImportResult Import(OperatorPrincipal caller, ReadOnlyMemory<byte> csv, bool validateOnly)
    {
        var rows = ImportCsv.Read(csv.Span, Required, Optional).Select(CheckFields).ToList();
        if (validateOnly)
        {
            store.Read(r =>
            {
                CheckInStore(r, rows);
                return 0;
            });
            return new ImportResult(rows.Select(r => r.ToResult()).ToList(), [], null);
        }
        var (issued, pdf) = work.Write(change =>
        {
            var w = change.Store;
            // The checks again inside the write: a number taken since a preview is caught here, and nothing is written.
            CheckInStore(w, rows);
            ThrowIfProblems(rows);
            var topics = TopicCatalogue.Defaults(w);
            foreach (var row in rows) row.Created = changes.Insert(change, caller, row.Draft! with { TopicIds = [.. topics] }, Source);
            var emailed = rows.Where(r => !r.Letter)
                .ToDictionary(r => r.Created!.Id, r => invitations.IssueByEmail(change, caller, r.Created!, r.Email!, null).Invitation);
            // Rendered inside the write: the codes exist only here, and a failed rendering rolls every organisation back.
            var letterRows = rows.Where(r => r.Letter).Select(r => r.Created!).ToList();
            var letters = letterRows.Count == 0 ? null : invitations.IssueLetters(change, caller, letterRows);
            var lettered = letters?.Invitations.ToDictionary(i => i.Invitation.OrganizationId, i => i.Invitation) ?? [];
            var issued = rows.Select(r => r.Letter ? lettered[r.Created!.Id] : emailed[r.Created!.Id]).ToList();
            return (issued, letters?.Pdf);
        });
        return new ImportResult(rows.Select(r => r.ToResult()).ToList(), issued, pdf);
    }

    /// <summary>The checks of one row that need no store: the fields, the invitation, the language, a letter's address.</summary>
    private static Row CheckFields(CsvRow csv)
    {
        var row = new Row(csv) { DisplayName = csv[NameColumn].Trim(), AffiliateNumber = csv[AffiliateNumberColumn].Trim() };
        var contact = new ContactInput(csv[ContactNameColumn], csv[StreetColumn].Trim().Length == 0 ? [] : [csv[StreetColumn]],
            csv[PostalCodeColumn], csv[LocalityColumn], csv[CountryCodeColumn], null, null);
        var language = Language(csv[LanguageColumn], row.Problems);
        row.Draft = OrganizationChanges.Draft(csv[NameColumn], csv[AffiliateNumberColumn], contact, language, ColumnOf, row.Problems);
        // The draft holds the normalised number only when the whole row is right; the duplicate checks need it anyway.
        if (OrganizationInput.Check([], () => OrganizationInput.AffiliateNumber(AffiliateNumberColumn, csv[AffiliateNumberColumn])) is { } number)
        {
            row.AffiliateNumber = number;
            row.NumberValid = true;
        }
        Invitation(csv[InvitationColumn], row);
        if (csv.ExtraFields > 0)
            row.Problems.Add(new InputProblem("", $"has {csv.ExtraFields} more field(s) than the header has columns", ErrorReason.FieldInvalid));
        if (row.Letter)
        {
            var missing = new[] { StreetColumn, PostalCodeColumn, LocalityColumn }.FirstOrDefault(c => csv[c].Trim().Length == 0);
            if (missing is not null)
                row.Problems.Add(new InputProblem(missing, "a letter needs the postal address: street, postal_code and locality", ErrorReason.PostalAddressMissing));
        }
        if (row.Problems.Count > 0) row.Draft = null;
        return row;
    }

    private static string Language(string typed, List<InputProblem> problems)
    {
        var code = typed.Trim().ToLowerInvariant();
        if (code.Length == 0) return Languages.Default;
        if (Languages.All.Contains(code)) return code;
        problems.Add(new InputProblem(LanguageColumn, $"must be one of {string.Join(", ", Languages.All)}", ErrorReason.FieldInvalid));
        return Languages.Default;
    }

    /// <summary>The administrator's e-mail address, or the word for a letter.</summary>
    private static void Invitation(string typed, Row row)
    {
        var value = typed.Trim();
        if (LetterWords.Contains(value.ToLowerInvariant()))
        {
            row.Letter = true;
            return;
        }
        const string expected = "must be the administrator's e-mail address, or letter";
        if (value.Length == 0)
        {
            row.Problems.Add(new InputProblem(InvitationColumn, expected, ErrorReason.FieldInvalid));
            return;
        }
        try
        {
            row.Email = Validate.Email(InvitationColumn, value);
        }
        catch (ConnectException exception) when (exception.Violations.Count > 0)
        {
            row.Problems.Add(new InputProblem(InvitationColumn, $"{exception.Violations[0].Description}, or letter", ErrorReason.FieldInvalid));
        }
    }

    /// <summary>The checks against the register: a number taken by an organisation, or by an earlier row of the file.</summary>
    private static void CheckInStore(IStoreReader reader, List<Row> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!row.NumberValid) continue;
            if (OrganizationChanges.TakenBy(reader, row.AffiliateNumber) is { } other)
                Taken(row, $"already taken by {other.DisplayName}");
            else if (seen.TryGetValue(row.AffiliateNumber, out var line))
                Taken(row, $"also on line {line.ToString(CultureInfo.InvariantCulture)}");
            else
                seen[row.AffiliateNumber] = row.Csv.Line;
        }
    }

    private static void Taken(Row row, string description)
    {
        row.Problems.Add(new InputProblem(AffiliateNumberColumn, description, ErrorReason.AffiliateNumberTaken));
        row.Draft = null;
    }

    /// <summary>INVALID_ARGUMENT <c>IMPORT_INVALID</c> with a field violation <c>rows[line].column</c> per problem.</summary>
    private static void ThrowIfProblems(List<Row> rows)
    {
        var problems = rows.SelectMany(r => r.Problems.Select(p => (r.Csv.Line, Problem: p))).ToList();
        if (problems.Count == 0) return;
        var lines = rows.Count(r => r.Problems.Count > 0);
        throw new ConnectException(ErrorReason.ImportInvalid,
            $"{problems.Count} problem(s) on {lines} row(s); nothing was imported. Preview the file to see every row's problems.")
        {
            Violations = problems.Take(MaxViolations).Select(p => new FieldViolation(
                $"rows[{p.Line.ToString(CultureInfo.InvariantCulture)}]" + (p.Problem.Field.Length > 0 ? "." + p.Problem.Field : ""),
                p.Problem.Description)).ToList(),
            Metadata = new Dictionary<string, string>
            {
                ["problems"] = problems.Count.ToString(CultureInfo.InvariantCulture),
                ["rows_with_problems"] = lines.ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}
