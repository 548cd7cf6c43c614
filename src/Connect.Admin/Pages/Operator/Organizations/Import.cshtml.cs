using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// "Importer un fichier CSV", in two steps. The uploaded file is checked by Connect (nothing written) and every row is
/// shown with its problems; only a file without problems offers "Importer". Between the two steps the file travels in
/// the import form itself (base64 in a hidden field, protected by antiforgery like every form), so the console keeps
/// no upload of its own; Connect checks it again when importing, all or nothing. The import's answer is the letters'
/// PDF when the file has letter rows (Connect returns their codes once), else the list with the count.
/// </summary>
public sealed class ImportModel(
    ConnectOrganizationClient organizations, ConnectSessionClient sessions, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationsPageModel(organizations, errors, localizer)
{
    /// <summary>
    /// What the console carries between preview and import: the API's documented bound of a file (1 MiB). Connect
    /// enforces its limits itself; this only keeps a bigger upload out of the hidden field.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The rows of the checked file; null before a file was checked.</summary>
    public IReadOnlyList<ImportRow>? Rows { get; private set; }

    public int ProblemCount => Rows?.Sum(r => r.Problems.Count) ?? 0;

    public int LetterCount => Rows?.Count(r => r.Letter) ?? 0;

    /// <summary>"Importer" is offered for a checked file with rows and not one problem.</summary>
    public bool MayImport => Rows is { Count: > 0 } && ProblemCount == 0;

    /// <summary>The upload form; Connect is asked first, so that someone who may not import learns it before choosing a file.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        (await sessions.WhoAmIAsync(HttpContext.RequestAborted)).Operator ? Page() : RedirectToPage(OperatorPages.OperatorsOnly);

    /// <summary>"Vérifier": the uploaded file, checked by Connect, row by row.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        ModelState.Clear();
        if (Input.File is not { Length: > 0 } file)
        {
            ModelState.AddModelError("Input.File", Localizer["Operator.Import.ChooseFile"]);
            return Page();
        }
        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("Input.File", Localizer["Error.IMPORT_TOO_LARGE"]);
            return Page();
        }
        var csv = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(csv, HttpContext.RequestAborted);
        }
        Input.FileName = Path.GetFileName(file.FileName);
        await PreviewAsync(csv);
        return Page();
    }

    /// <summary>"Importer": the file of the preview, imported all or nothing.</summary>
    public async Task<IActionResult> OnPostImportAsync()
    {
        ModelState.Clear();
        if (CarriedFile() is not { } csv)
        {
            ModelState.AddModelError(string.Empty, Localizer["Operator.Import.FileLost"]);
            return Page();
        }
        try
        {
            var imported = await Organizations.ImportOrganizationsAsync(csv, validateOnly: false, HttpContext.RequestAborted);
            if (imported.LettersPdf.IsEmpty)
            {
                return ToList(Localizer["Operator.Import.Imported", imported.CreatedCount]);
            }
            // Shown on the next page the operator opens: the download itself leaves this page as it was.
            Say(Localizer["Operator.Import.ImportedWithLetters", imported.CreatedCount, imported.Rows.Count(r => r.Letter)]);
            var name = FileNamePart(Path.GetFileNameWithoutExtension(Input.FileName ?? string.Empty));
            return Pdf(imported.LettersPdf, $"letters-{(name.Length > 0 ? name : "import")}.pdf");
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.ImportInvalid)
        {
            // Something changed since the preview (an affiliate number taken meanwhile): show the rows again.
            await PreviewAsync(csv);
            if (Rows is not null) AddFileRefusal(exception);
            return Page();
        }
        catch (ConnectClientException exception)
        {
            AddFileRefusal(exception);
            return Page();
        }
    }

    /// <summary>A problem in people's words: the column, Connect's reason translated, and its own description.</summary>
    public string Describe(ImportProblem problem)
    {
        var text = Localizer["Error." + ConnectClientException.ReasonName(problem.Reason)];
        var reason = text.ResourceNotFound ? Localizer["Error.FIELD_INVALID"].Value : text.Value;
        return problem.Column.Length > 0
            ? Localizer["Operator.Import.Problem", problem.Column, reason, problem.Description]
            : Localizer["Operator.Import.RowProblem", reason, problem.Description];
    }

    private async Task PreviewAsync(byte[] csv)
    {
        try
        {
            var checkedFile = await Organizations.ImportOrganizationsAsync(csv, validateOnly: true, HttpContext.RequestAborted);
            Rows = checkedFile.Rows;
            Input.Csv = Convert.ToBase64String(csv);
        }
        catch (ConnectClientException exception)
        {
            Rows = null;
            Input.Csv = null;
            AddFileRefusal(exception);
        }
    }

    /// <summary>
    /// A refusal of the file as a whole, with Connect's description of what is wrong with it (<c>csv</c>: "has no
    /// column 'invitation'"), which no translation of the reason alone can say.
    /// </summary>
    private void AddFileRefusal(ConnectClientException exception)
    {
        AddPageRefusal(exception);
        foreach (var violation in exception.FieldViolations.Where(v => v.Field == "csv"))
        {
            ModelState.AddModelError(string.Empty, Localizer["Operator.Import.FileProblem", violation.Description]);
        }
    }

    /// <summary>The file carried from the preview; null when it is missing, damaged or over the bound.</summary>
    private byte[]? CarriedFile()
    {
        if (string.IsNullOrEmpty(Input.Csv) || Input.Csv.Length > (MaxFileBytes + 2) / 3 * 4) return null;
        try
        {
            return Convert.FromBase64String(Input.Csv);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public sealed class InputModel
    {
        /// <summary>The uploaded file (the preview's form).</summary>
        public IFormFile? File { get; set; }

        /// <summary>The checked file as base64 (the import's form).</summary>
        public string? Csv { get; set; }

        /// <summary>The uploaded file's name, to name the letters' PDF.</summary>
        public string? FileName { get; set; }
    }
}
