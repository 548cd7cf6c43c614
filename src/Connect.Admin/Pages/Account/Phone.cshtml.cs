using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>A new mobile number: (1) the number and "send the code", (2) the SMS code. The old number counts until then.</summary>
public sealed class PhoneModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    private const string NextResendKey = "PhoneNextResendTime";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool CodeSent => Account.PendingMaskedPhoneNumber.Length > 0;

    public string? NextResendHint => NextResend.Hint(TempData, NextResendKey, Localizer);

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        // Each of the page's two forms validates only its own field.
        ModelState.Remove("Input.Code");
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var sent = await Accounts.StartPhoneChangeAsync(Input.PhoneNumber.Trim(), HttpContext.RequestAborted);
            NextResend.Remember(TempData, NextResendKey, sent.NextResendTime);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Remove("Input.PhoneNumber");
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            await Accounts.ConfirmPhoneChangeAsync(Input.Code.Trim(), HttpContext.RequestAborted);
            TempData.Remove(NextResendKey);
            return Done(Localizer["Phone.Changed"]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.NewPhoneNumber")]
        [Display(Name = "Field.NewPhoneNumber")]
        public string PhoneNumber { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.SmsCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.SmsCode")]
        public string Code { get; set; } = string.Empty;
    }
}
