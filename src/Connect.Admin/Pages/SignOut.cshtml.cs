using Connect.Admin.Pages.SignIn;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages;

/// <summary>The header's "sign out": ends the session at Connect, forgets the cookie, back to the sign-in.</summary>
public sealed class SignOutModel(ConnectSessionClient sessions, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (ConsoleCookies.ReadSession(Request) is not null)
        {
            try
            {
                await sessions.SignOutAsync(HttpContext.RequestAborted);
            }
            catch (ConnectClientException exception) when (SessionRequiredFilter.EndsTheSession(exception))
            {
                // Already over: nothing left to end but the cookie.
            }
        }
        ConsoleCookies.DeleteSession(HttpContext);
        StatusMessage.Set(TempData, localizer["SignOut.Done"]);
        return RedirectToPage(SignInSteps.Password);
    }
}
