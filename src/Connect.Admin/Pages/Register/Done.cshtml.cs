using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Register;

/// <summary>The end of the wizard; the registration cookie is gone, so the organisation's name comes along in TempData.</summary>
public sealed class DoneModel : PageModel
{
    public const string OrganizationKey = "RegisteredOrganization";

    public string? OrganizationName { get; private set; }

    public void OnGet() => OrganizationName = TempData[OrganizationKey] as string;
}
