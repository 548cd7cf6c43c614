using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Account;

/// <summary>The header's organisation switch: Connect issues a session for the other organisation, which replaces the cookie's.</summary>
public sealed class OrganizationModel(ConnectSessionClient sessions, ConnectErrorMessages errors) : PageModel
{
    public IActionResult OnGet() => RedirectToPage(AccountPages.Overview);

    public async Task<IActionResult> OnPostAsync(string? organizationId, string? returnUrl)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Page(AccountPages.Overview)!;
        if (string.IsNullOrEmpty(organizationId)) return LocalRedirect(back);
        try
        {
            var session = await sessions.SwitchOrganizationAsync(organizationId, HttpContext.RequestAborted);
            ConsoleCookies.WriteSession(HttpContext, session.SessionToken, session.ExpireTime);
        }
        catch (ConnectClientException exception) when (!SessionRequiredFilter.EndsTheSession(exception))
        {
            StatusMessage.Set(TempData, errors.Describe(exception));
        }
        return LocalRedirect(back);
    }
}
