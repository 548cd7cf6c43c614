using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.SignIn;

/// <summary>
/// The second factor after the fund reset it (a lost phone): (1) a new mobile number and "Envoyer le code", (2) the
/// SMS code. Connect makes the number the person's verified one with the code, and only then issues the session;
/// the sign-in then goes on as usual (the organisation to choose, if several).
/// </summary>
public sealed class NewPhoneModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SignInPageModel(signIn, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool CodeSent => State.SmsCodeSent && State.NewPhoneNumber is not null;

    public string? NextResendHint => CodeSent ? ConsoleTime.NextResendHint(Localizer, State.NextResendTime) : null;

    public IActionResult OnGet()
    {
        if (!State.PhoneNumberRequired) return RedirectToPage(SignInSteps.SecondFactor);
        Input.PhoneNumber = State.NewPhoneNumber ?? string.Empty;
        return Page();
    }

    /// <summary>Sends the code to the typed number, or again to the last one (the resend button posts no number).</summary>
    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        if (!State.PhoneNumberRequired) return RedirectToPage(SignInSteps.SecondFactor);
        // A button without fields: the binder then reads the input under no prefix ("Code"), which is no error of this form.
        ModelState.Remove("Code");
        ModelState.Remove("PhoneNumber");
        ModelState.Remove("Input.Code");
        var number = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? State.NewPhoneNumber : Input.PhoneNumber.Trim();
        if (number is null) return Page();
        ModelState.Remove("Input.PhoneNumber");
        try
        {
            var sent = await SignInClient.SendSignInCodeToNewNumberAsync(State.Token, number, HttpContext.RequestAborted);
            Save(State with
            {
                SmsCodeSent = true,
                NewPhoneNumber = number,
                MaskedPhoneNumber = sent.MaskedPhoneNumber,
                NextResendTime = sent.NextResendTime?.ToDateTimeOffset(),
            });
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (!State.PhoneNumberRequired) return RedirectToPage(SignInSteps.SecondFactor);
        ModelState.Remove("Input.PhoneNumber");
        if (!ModelState.IsValid) return Page();
        try
        {
            var verified = await SignInClient.VerifySmsCodeAsync(State.Token, Input.Code.Trim(), cancellationToken: HttpContext.RequestAborted);
            StatusMessage.Set(TempData, Localizer["SignIn.NewPhone.Verified", State.MaskedPhoneNumber]);
            if (verified.Session is { } session) return Complete(session);
            // The number is the person's now; what remains of the sign-in is the usual choice of organisation.
            Save(State with
            {
                PhoneNumberRequired = false,
                NewPhoneNumber = null,
                Organizations = [.. verified.Organizations.Select(OrganizationOption.From)],
            });
            return RedirectToPage(SignInSteps.Organization);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
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
