using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 1, "Code d'accès": the access code of the invitation starts a registration.</summary>
public sealed class IndexModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The invitation e-mail's link and the letter's QR code carry the code as <c>?code=</c>.</summary>
    public void OnGet(string? code) => Input.AccessCode = code?.Trim() ?? string.Empty;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var started = await registrations.RedeemAccessCodeAsync(Input.AccessCode, HttpContext.RequestAborted);
            ConsoleCookies.WriteRegistration(HttpContext, started.RegistrationToken, started.Registration.ExpireTime);
            return RedirectToPage(RegistrationSteps.PageFor(started.Registration));
        }
        catch (ConnectClientException exception)
        {
            errors.AddTo(ModelState, exception, typeof(InputModel));
            return Page();
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.AccessCode")]
        [Display(Name = "Field.AccessCode")]
        public string AccessCode { get; set; } = string.Empty;
    }
}
