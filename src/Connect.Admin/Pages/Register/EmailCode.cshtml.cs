using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 3: "saisissez le code indiqué" — the 6-digit code of the e-mail (or its link, see <see cref="EmailLinkModel"/>).</summary>
public sealed class EmailCodeModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : RegistrationPageModel(registrations, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var verified = await Registrations.VerifyEmailAsync(RegistrationToken, Input.Code.Trim(), HttpContext.RequestAborted);
            return RedirectToPage(RegistrationSteps.PageFor(verified));
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Remove("Input.Code");
        try
        {
            var sent = await Registrations.ResendEmailCodeAsync(RegistrationToken, HttpContext.RequestAborted);
            RememberNextResend(sent.NextResendTime);
            StatusMessage.Set(TempData, Localizer["EmailCode.Resent"]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.EmailCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.EmailCode")]
        public string Code { get; set; } = string.Empty;
    }
}
