using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Members;

/// <summary>Where <see cref="AdministratorRequiredFilter"/> sends a person who is no administrator of their organisation.</summary>
public sealed class AdministratorsOnlyModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
