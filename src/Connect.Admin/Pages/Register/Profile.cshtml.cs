using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 4 for a new person: the dialog with names, password and language, and "Créer".</summary>
public sealed class ProfileModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : RegistrationPageModel(registrations, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IEnumerable<SelectListItem> Languages =>
        ConsoleCultures.Supported.Select(c => new SelectListItem(Localizer["Language." + c], c));

    /// <summary>The language the person is reading the console in is the likely one for their e-mails.</summary>
    public void OnGet() => Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            await Registrations.CreateProfileAsync(RegistrationToken, Input.GivenName.Trim(), Input.FamilyName.Trim(), Input.Password,
                ConsoleCultures.ToLanguage(Input.Language), HttpContext.RequestAborted);
            return RedirectToPage(RegistrationSteps.Phone);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.GivenName")]
        [Display(Name = "Field.GivenName")]
        public string GivenName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.FamilyName")]
        [Display(Name = "Field.FamilyName")]
        public string FamilyName { get; set; } = string.Empty;

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

        [Required(ErrorMessage = "Required.Field.Language")]
        [Display(Name = "Field.Language")]
        public string Language { get; set; } = ConsoleCultures.Default;
    }
}
