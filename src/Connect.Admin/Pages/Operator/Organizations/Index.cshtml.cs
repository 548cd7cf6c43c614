using System.Globalization;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// The fund's organisations, searched by name words or affiliate number and filtered by state, a page at a time.
/// Like the member list, the address keeps the current page token and those before it (<c>back</c>). Checked
/// organisations get their letter invitations in one PDF for the print shop ("Imprimer les lettres").
/// </summary>
public sealed class IndexModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationsPageModel(organizations, errors, localizer)
{
    public const int PageSize = 20;

    /// <summary>Name words or the start of an affiliate number.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Empty for every state, or one state's slug.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? StateFilter { get; set; }

    /// <summary>The token of the page shown; empty for the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? PageToken { get; set; }

    /// <summary>The tokens of the pages before this one, the first page's (empty) left out.</summary>
    [BindProperty(SupportsGet = true, Name = "back")]
    public List<string> BackTokens { get; set; } = [];

    /// <summary>The organisations checked for "Imprimer les lettres".</summary>
    [BindProperty(Name = "ids")]
    public List<string> CheckedIds { get; set; } = [];

    public IReadOnlyList<Organization> Found { get; private set; } = [];

    public string? NextUrl { get; private set; }

    public string? PreviousUrl =>
        string.IsNullOrEmpty(PageToken) ? null : ListUrl(BackTokens.LastOrDefault(), BackTokens.SkipLast(1));

    public async Task<IActionResult> OnGetAsync()
    {
        await ShowAsync();
        return Page();
    }

    /// <summary>"Imprimer les lettres": one letter invitation per checked organisation, all in one PDF, as the answer.</summary>
    public async Task<IActionResult> OnPostLettersAsync()
    {
        if (CheckedIds.Count == 0)
        {
            ModelState.AddModelError(string.Empty, Localizer["Operator.Organizations.CheckSome"]);
            await ShowAsync();
            return Page();
        }
        try
        {
            var issued = await Organizations.InviteByLettersAsync(CheckedIds, HttpContext.RequestAborted);
            Say(Localizer["Operator.Organizations.LettersIssued", issued.Invitations.Count]);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
            return Pdf(issued.LettersPdf, $"letters-{stamp}.pdf");
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
            await ShowAsync();
            return Page();
        }
    }

    /// <summary>This list (same search and filter) at the page of <paramref name="token"/>.</summary>
    public string ListUrl(string? token, IEnumerable<string> back)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Query)) query.Add(new("q", Query));
        if (!string.IsNullOrEmpty(StateFilter)) query.Add(new("state", StateFilter));
        if (!string.IsNullOrEmpty(token)) query.Add(new("token", token));
        query.AddRange(back.Where(t => t.Length > 0).Select(t => new KeyValuePair<string, string?>("back", t)));
        return Url.Page(OrganizationPages.List) + QueryString.Create(query);
    }

    private async Task ShowAsync()
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            await LoadPageAsync(ct);
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.PageTokenInvalid)
        {
            // A token of another search (or a damaged one): say so and show the first page.
            AddRefusal(exception);
            PageToken = null;
            BackTokens = [];
            await LoadPageAsync(ct);
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
        }
    }

    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OrganizationState>? states = OrganizationStates.FromSlug(StateFilter) is { } state ? [state] : null;
        var page = await Organizations.ListOrganizationsAsync(Query?.Trim() ?? string.Empty, states, PageSize, PageToken ?? string.Empty, cancellationToken);
        Found = page.Organizations;
        if (page.NextPageToken.Length > 0)
        {
            NextUrl = ListUrl(page.NextPageToken, string.IsNullOrEmpty(PageToken) ? BackTokens : BackTokens.Append(PageToken));
        }
    }
}
