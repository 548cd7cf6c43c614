using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 4 for a person who already has an account: their password adds the organisation to it.</summary>
public sealed class ConfirmModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
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
            var confirmed = await Registrations.ConfirmExistingPersonAsync(RegistrationToken, Input.Password, HttpContext.RequestAborted);
            RememberNextResend(confirmed.NextResendTime);
            return RedirectToPage(RegistrationSteps.Phone);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Password")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
