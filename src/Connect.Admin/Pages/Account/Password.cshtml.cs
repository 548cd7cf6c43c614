using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>A new password, with the current one; Connect ends the person's other sessions.</summary>
public sealed class PasswordModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var ended = await Accounts.ChangePasswordAsync(Input.CurrentPassword, Input.NewPassword, HttpContext.RequestAborted);
            return Done(Localizer["Password.Changed", ended]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    // Nothing of the account is shown here.
    protected override Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.CurrentPassword")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.CurrentPassword")]
        public string CurrentPassword { get; set; } = string.Empty;

        // The length and common-password rules are the server's; the form only says them.
        [Required(ErrorMessage = "Required.Field.NewPassword")]
        [MinLength(ConnectLimits.MinPasswordLength, ErrorMessage = "Error.PASSWORD_TOO_SHORT")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.NewPassword")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.PasswordConfirmation")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.PasswordConfirmation")]
        public string NewPasswordConfirmation { get; set; } = string.Empty;
    }
}
