using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// The authenticator app: enrol (the secret as text and as a QR code, then a first code), or remove it with the
/// password and a current code. The secret is shown in the answer to "set up" only and kept nowhere by the console.
/// </summary>
public sealed partial class AuthenticatorModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The secret just created, to scan or type in.</summary>
    public StartAuthenticatorEnrollmentResponse? Enrollment { get; private set; }

    public string? QrCode => Enrollment is null ? null : QrCodeImage.DataUri(Enrollment.OtpauthUri);

    /// <summary>True while the enrollment waits for its first code.</summary>
    public bool AwaitingFirstCode { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostStartAsync()
    {
        ModelState.Clear();
        try
        {
            Enrollment = await Accounts.StartAuthenticatorEnrollmentAsync(HttpContext.RequestAborted);
            AwaitingFirstCode = true;
            return await ShowAsync();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Remove("Input.Password");
        AwaitingFirstCode = true;
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            await Accounts.ConfirmAuthenticatorEnrollmentAsync(Input.Code.Trim(), HttpContext.RequestAborted);
            return Done(Localizer["Authenticator.Enrolled"]);
        }
        catch (ConnectClientException exception)
        {
            // Without a pending enrollment there is nothing to confirm: start again.
            if (exception.Reason == ErrorReason.SecondFactorUnavailable) AwaitingFirstCode = false;
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var code = Input.Code.Trim();
            var ct = HttpContext.RequestAborted;
            // Six digits are the app's code; anything else can only be a recovery code.
            if (SixDigits().IsMatch(code)) await Accounts.RemoveAuthenticatorAsync(Input.Password, code, ct);
            else await Accounts.RemoveAuthenticatorWithRecoveryCodeAsync(Input.Password, code, ct);
            return Done(Localizer["Authenticator.Removed"]);
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

        [Required(ErrorMessage = "Required.Field.Code")]
        [Display(Name = "Field.Code")]
        public string Code { get; set; } = string.Empty;
    }

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex SixDigits();
}
