using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// Ten new recovery codes, with the password. They are shown once, in the answer to the form (no redirect):
/// the console keeps them nowhere, and Connect only keeps their hashes.
/// </summary>
public sealed class RecoveryCodesModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            Codes = await Accounts.CreateRecoveryCodesAsync(Input.Password, HttpContext.RequestAborted);
            Input = new InputModel();
            ModelState.Clear();
            return await ShowAsync();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
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
