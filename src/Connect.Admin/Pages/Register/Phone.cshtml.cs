using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>
/// Step 5, as in the guide: (1) the mobile number and "Envoyer le code", (2) the "Code SMS" and "Enregistrer".
/// A person who already has an account got the code at their verified number and only sees (2).
/// </summary>
public sealed class PhoneModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : RegistrationPageModel(registrations, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool CodeSent => Registration.State == RegistrationState.PhoneCodeSent;

    /// <summary>A new person chooses the number; an existing person's number is the verified one.</summary>
    public bool MayChooseNumber => !Registration.ExistingPerson;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        // Each of the page's two forms validates only its own field; an existing person's number is not asked for:
        // the server sends their new code to their verified number.
        ModelState.Remove("Input.Code");
        if (!MayChooseNumber) ModelState.Remove("Input.PhoneNumber");
        if (!ModelState.IsValid) return Page();
        try
        {
            var number = MayChooseNumber ? Input.PhoneNumber.Trim() : string.Empty;
            var sent = await Registrations.StartPhoneVerificationAsync(RegistrationToken, number, HttpContext.RequestAborted);
            RememberNextResend(sent.NextResendTime);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        ModelState.Remove("Input.PhoneNumber");
        if (!ModelState.IsValid) return Page();
        try
        {
            await Registrations.VerifyPhoneAsync(RegistrationToken, Input.Code.Trim(), HttpContext.RequestAborted);
            return RedirectToPage(RegistrationSteps.Finish);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.PhoneNumber")]
        [Display(Name = "Field.PhoneNumber")]
        public string PhoneNumber { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.SmsCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.SmsCode")]
        public string Code { get; set; } = string.Empty;
    }
}
