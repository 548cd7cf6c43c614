using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Operator;

/// <summary>Where <see cref="OperatorRequiredFilter"/> sends a person who is no fund operator.</summary>
public sealed class OperatorsOnlyModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
