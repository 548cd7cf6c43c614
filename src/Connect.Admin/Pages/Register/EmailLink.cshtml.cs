using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Register;

/// <summary>
/// The link of the verification e-mail, from any browser. The link only shows a button: mail filters open
/// links to scan them, and a GET that used up the one-time token would break the person's own click.
/// </summary>
public sealed class EmailLinkModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public IActionResult OnGet() => string.IsNullOrWhiteSpace(Token) ? RedirectToPage(RegistrationSteps.AccessCode) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Token)) return RedirectToPage(RegistrationSteps.AccessCode);
        try
        {
            var verified = await registrations.VerifyEmailLinkAsync(Token, HttpContext.RequestAborted);
            ConsoleCookies.WriteRegistration(HttpContext, verified.RegistrationToken, verified.Registration.ExpireTime);
            return RedirectToPage(RegistrationSteps.PageFor(verified.Registration));
        }
        catch (ConnectClientException exception)
        {
            // A used link answers like an unknown one; when this browser carries a registration (the code was typed
            // first), the wizard goes on from that registration's step instead.
            if (exception.Reason is ErrorReason.RegistrationNotFound or ErrorReason.RegistrationStepInvalid
                && ConsoleCookies.ReadRegistration(Request) is not null)
            {
                return RedirectToPage(RegistrationSteps.EmailCode);
            }
            errors.AddTo(ModelState, exception, inputType: null);
            return Page();
        }
    }
}
