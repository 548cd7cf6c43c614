using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Pages.SignIn;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Activate;

/// <summary>
/// The activation e-mail's page, without a session: whom the code is for, then the password chosen twice; the
/// person then signs in (password and the SMS code of the number their administrator verified). The link carries
/// the code as <c>?code=</c>; it can also be typed in. Looking the code up changes nothing, so a mail filter that
/// opens the link uses nothing up.
/// </summary>
public sealed class IndexModel(ConnectActivationClient activations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Whom the code is for; null until a valid code was read.</summary>
    public GetActivationResponse? Activation { get; private set; }

    public async Task OnGetAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        Input.Code = code.Trim();
        await LookUpAsync();
    }

    /// <summary>A typed code: shows whom it is for and asks for the password.</summary>
    public async Task<IActionResult> OnPostCodeAsync()
    {
        ModelState.Remove("Input.Password");
        ModelState.Remove("Input.PasswordConfirmation");
        if (ModelState.IsValid) await LookUpAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync()
    {
        if (!ModelState.IsValid)
        {
            await LookUpAsync();
            return Page();
        }
        try
        {
            var email = await activations.ActivateAsync(Input.Code.Trim(), Input.Password, HttpContext.RequestAborted);
            SignInSteps.PrefillEmail(TempData, email);
            StatusMessage.Set(TempData, localizer["Activate.Done"]);
            return RedirectToPage(SignInSteps.Password);
        }
        catch (ConnectClientException exception)
        {
            errors.AddTo(ModelState, exception, typeof(InputModel));
            // A bad password keeps the form; a bad code goes back to asking for one.
            if (exception.Reason is not (ErrorReason.ActivationCodeInvalid or ErrorReason.ActivationCodeExpired)) await LookUpAsync();
            return Page();
        }
    }

    private async Task LookUpAsync()
    {
        try
        {
            Activation = await activations.GetActivationAsync(Input.Code, HttpContext.RequestAborted);
        }
        catch (ConnectClientException exception)
        {
            errors.AddTo(ModelState, exception, typeof(InputModel));
            Activation = null;
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.ActivationCode")]
        [Display(Name = "Field.ActivationCode")]
        public string Code { get; set; } = string.Empty;

        // The length and common-password rules are the server's; the form only says them.
        [Required(ErrorMessage = "Required.Field.Password")]
        [MinLength(ConnectLimits.MinPasswordLength, ErrorMessage = "Error.PASSWORD_TOO_SHORT")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.PasswordConfirmation")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.PasswordConfirmation")]
        public string PasswordConfirmation { get; set; } = string.Empty;
    }
}
