using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Connect.Admin.Localization;
using Connect.Admin.Pages.Shared;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.SignIn;

/// <summary>
/// The second factor: a passkey, an SMS code (sent on request), the authenticator app's code, or a recovery code. The
/// person's preferred factor comes first; <c>?factor=</c> picks another. After the fund reset the person's second
/// factor there is none: the sign-in goes to <see cref="SignInSteps.NewPhone"/> instead.
/// </summary>
public sealed partial class SecondFactorModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SignInPageModel(signIn, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "factor")]
    public string? FactorName { get; set; }

    /// <summary>
    /// The factors on offer, the preferred first; a recovery code is always one (Connect says if none is left), unless a
    /// passkey policy leaves the passkey alone.
    /// </summary>
    public IReadOnlyList<SecondFactor> Offered =>
        State.PasskeyRequired && State.Factors.Contains(SecondFactor.Passkey)
            ? [SecondFactor.Passkey]
            : [.. State.Factors.Where(f => f != SecondFactor.Unspecified).Append(SecondFactor.RecoveryCode).Distinct()];

    public SecondFactor Factor => Offered.FirstOrDefault(f => Slug(f) == FactorName, Offered[0]);

    public string? NextResendHint => State.SmsCodeSent ? ConsoleTime.NextResendHint(Localizer, State.NextResendTime) : null;

    /// <summary>With the passkey chosen: the ceremony for the browser (a challenge Connect keeps for this sign-in).</summary>
    public PasskeyButton? Ceremony { get; private set; }

    /// <summary>The factor's name in the address.</summary>
    public static string Slug(SecondFactor factor) => factor switch
    {
        SecondFactor.Sms => "sms",
        SecondFactor.Authenticator => "authenticator",
        SecondFactor.Passkey => "passkey",
        _ => "recovery-code",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (State.PhoneNumberRequired) return RedirectToPage(SignInSteps.NewPhone);
        return await WithCeremonyAsync(Page());
    }

    public async Task<IActionResult> OnPostVerifyPasskeyAsync(string? credentialJson)
    {
        if (State.PhoneNumberRequired) return RedirectToPage(SignInSteps.NewPhone);
        ModelState.Clear();
        try
        {
            return Verified(await SignInClient.VerifyPasskeyAsync(State.Token, credentialJson ?? "", cancellationToken: HttpContext.RequestAborted));
        }
        catch (ConnectClientException exception)
        {
            return await WithCeremonyAsync(Refused(exception));
        }
    }

    /// <summary>On the passkey's page, a new challenge for the browser (each serves one answer).</summary>
    private async Task<IActionResult> WithCeremonyAsync(IActionResult result)
    {
        if (result is not PageResult || Factor != SecondFactor.Passkey) return result;
        try
        {
            var challenge = await SignInClient.RequestPasskeyChallengeAsync(State.Token, HttpContext.RequestAborted);
            Ceremony = new PasskeyButton(challenge.OptionsJson, Create: false, "verify-passkey", "VerifyPasskey", "use-passkey", Localizer["PasskeySignIn.Use"])
            {
                RouteValues = new Dictionary<string, string> { ["factor"] = Slug(SecondFactor.Passkey) },
            };
            return result;
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        if (State.PhoneNumberRequired) return RedirectToPage(SignInSteps.NewPhone);
        // A button without fields: the binder then reads the input under no prefix ("Code"), which is no error of this form.
        ModelState.Remove("Code");
        ModelState.Remove("PhoneNumber");
        ModelState.Remove("Input.Code");
        try
        {
            var sent = await SignInClient.SendSignInCodeAsync(State.Token, HttpContext.RequestAborted);
            Save(State with
            {
                SmsCodeSent = true,
                NextResendTime = sent.NextResendTime?.ToDateTimeOffset(),
                MaskedPhoneNumber = string.IsNullOrEmpty(sent.MaskedPhoneNumber) ? State.MaskedPhoneNumber : sent.MaskedPhoneNumber,
            });
            return RedirectToPage(new { factor = Slug(SecondFactor.Sms) });
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (State.PhoneNumberRequired) return RedirectToPage(SignInSteps.NewPhone);
        // SMS and authenticator codes are 6 digits; recovery codes have the access codes' format, checked by Connect.
        if (Factor != SecondFactor.RecoveryCode && !SixDigits().IsMatch(Input.Code))
        {
            ModelState.AddModelError("Input.Code", Localizer["Validation.SixDigits"]);
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            var code = Input.Code.Trim();
            var ct = HttpContext.RequestAborted;
            var verified = Factor switch
            {
                SecondFactor.Sms => await SignInClient.VerifySmsCodeAsync(State.Token, code, cancellationToken: ct),
                SecondFactor.Authenticator => await SignInClient.VerifyAuthenticatorCodeAsync(State.Token, code, cancellationToken: ct),
                _ => await SignInClient.VerifyRecoveryCodeAsync(State.Token, code, cancellationToken: ct),
            };
            if (Factor == SecondFactor.RecoveryCode)
            {
                StatusMessage.Set(TempData, Localizer["SignIn.RecoveryCodesLeft", verified.RecoveryCodesLeft]);
            }
            return Verified(verified);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    /// <summary>The factor was right: the session, or the choice of organisation.</summary>
    private IActionResult Verified(VerifySecondFactorResponse verified)
    {
        if (verified.Session is { } session) return Complete(session);
        Save(State with { Organizations = [.. verified.Organizations.Select(OrganizationOption.From)] });
        return RedirectToPage(SignInSteps.Organization);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Code")]
        [Display(Name = "Field.Code")]
        public string Code { get; set; } = string.Empty;
    }

    [GeneratedRegex(ConnectLimits.CodePattern)]
    private static partial Regex SixDigits();
}
