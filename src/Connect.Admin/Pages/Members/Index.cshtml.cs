using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>
/// "Gestion des utilisateurs": the organisation's members, searched by name or e-mail and filtered by state (all but
/// the deactivated unless asked), a page at a time. Connect's page tokens are opaque, so the address keeps the
/// current one and those of the pages before it (<c>back</c>): "previous" is the last of them, the first page none.
/// </summary>
public sealed class IndexModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : MembersPageModel(members, errors, localizer)
{
    public const int PageSize = 20;

    /// <summary>The <c>state</c> filter that lists every state, the deactivated included.</summary>
    public const string AllStates = "all";

    /// <summary>Words to find in names or e-mail addresses.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Empty for everyone but the deactivated, <see cref="AllStates"/>, or one state's slug.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? StateFilter { get; set; }

    /// <summary>The token of the page shown; empty for the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? PageToken { get; set; }

    /// <summary>The tokens of the pages before this one, the first page's (empty) left out.</summary>
    [BindProperty(SupportsGet = true, Name = "back")]
    public List<string> BackTokens { get; set; } = [];

    public IReadOnlyList<Member> Found { get; private set; } = [];

    public string? NextUrl { get; private set; }

    public string? PreviousUrl =>
        string.IsNullOrEmpty(PageToken) ? null : ListUrl(BackTokens.LastOrDefault(), BackTokens.SkipLast(1));

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadTopicsAsync(ct);
        try
        {
            await LoadPageAsync(ct);
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.PageTokenInvalid)
        {
            // A token of another list (or a damaged one): say so and show the first page.
            AddRefusal(exception);
            PageToken = null;
            BackTokens = [];
            await LoadPageAsync(ct);
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
        }
        return Page();
    }

    /// <summary>The menu's "Détail": the detail of the checked member.</summary>
    public IActionResult OnGetDetail(string? id)
    {
        if (!string.IsNullOrEmpty(id)) return RedirectToPage(MemberPages.Detail, new { id });
        Say(Localizer["Members.CheckOne"]);
        return LocalRedirect(ListUrl(PageToken, BackTokens));
    }

    /// <summary>This list (same search and filter) at the page of <paramref name="token"/>.</summary>
    public string ListUrl(string? token, IEnumerable<string> back)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Query)) query.Add(new("q", Query));
        if (!string.IsNullOrEmpty(StateFilter)) query.Add(new("state", StateFilter));
        if (!string.IsNullOrEmpty(token)) query.Add(new("token", token));
        query.AddRange(back.Where(t => t.Length > 0).Select(t => new KeyValuePair<string, string?>("back", t)));
        return Url.Page(MemberPages.List) + QueryString.Create(query);
    }

    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        var page = await Members.ListMembersAsync(Query?.Trim(), StatesOfFilter(), PageSize, PageToken, cancellationToken);
        Found = page.Members;
        if (page.NextPageToken.Length > 0)
        {
            NextUrl = ListUrl(page.NextPageToken, string.IsNullOrEmpty(PageToken) ? BackTokens : BackTokens.Append(PageToken));
        }
    }

    /// <summary>The states Connect is asked for; null lets Connect list everyone but the deactivated.</summary>
    private IReadOnlyList<MemberState>? StatesOfFilter() =>
        StateFilter == AllStates ? MemberStates.All
        : MemberStates.FromSlug(StateFilter) is { } state ? [state]
        : null;
}
