using System.ComponentModel.DataAnnotations;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 2: the administrator's e-mail address, which receives a link and a code.</summary>
public sealed class EmailModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : RegistrationPageModel(registrations, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Also while the code is on its way: a mistyped address can be replaced.</summary>
    protected override bool Serves(Registration registration) =>
        registration.State is RegistrationState.EmailRequired or RegistrationState.EmailCodeSent;

    public void OnGet() => Input.Email = Registration.Email;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var sent = await Registrations.SubmitEmailAsync(RegistrationToken, Input.Email.Trim(), ConsoleCultures.Current, HttpContext.RequestAborted);
            RememberNextResend(sent.NextResendTime);
            return RedirectToPage(RegistrationSteps.EmailCode);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Email")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = string.Empty;
    }
}
