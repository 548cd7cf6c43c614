using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Support;

/// <summary>
/// Support's search: a person by e-mail address (or its start), by name, or by mobile number, across every
/// organisation. Connect returns at most 50 and says when there were more.
/// </summary>
public sealed class IndexModel(ConnectSupportClient support, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SupportPageModel(support, errors, localizer)
{
    /// <summary>An e-mail address, a name or a mobile number.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Null before a search; the persons found after one.</summary>
    public IReadOnlyList<PersonSummary>? Found { get; private set; }

    public bool Truncated { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Query)) return Page();
        try
        {
            var found = await Support.SearchPersonsAsync(Query.Trim(), HttpContext.RequestAborted);
            Found = found.Persons;
            Truncated = found.Truncated;
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
        }
        return Page();
    }
}
