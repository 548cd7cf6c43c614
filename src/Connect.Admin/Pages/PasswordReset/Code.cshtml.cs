using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Pages.SignIn;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.PasswordReset;

/// <summary>
/// The e-mailed code and the new password. Connect then asks for the usual second factor: the reset turns into a
/// sign-in, and the new password counts only once that succeeds.
/// </summary>
public sealed class CodeModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PasswordResetState State { get; private set; } = default!;

    public string? NextResendHint => ConsoleTime.NextResendHint(localizer, State.NextResendTime);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (ConsoleCookies.PasswordReset.Read(HttpContext) is not { } state)
        {
            context.Result = Restart(localizer["PasswordReset.Missing"]);
            return;
        }
        State = state;
        await next();
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var challenge = await signIn.ResetPasswordAsync(State.Token, Input.Code.Trim(), Input.NewPassword, HttpContext.RequestAborted);
            var signInState = SignInState.From(challenge, State.ReturnUrl);
            ConsoleCookies.SignIn.Write(HttpContext, signInState, signInState.ExpireTime);
            ConsoleCookies.PasswordReset.Delete(HttpContext);
            StatusMessage.Set(TempData, localizer["PasswordReset.ConfirmWithSecondFactor"]);
            return RedirectToPage(SignInSteps.SecondFactor);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear();
        try
        {
            var sent = await signIn.ResendPasswordResetCodeAsync(State.Token, HttpContext.RequestAborted);
            ConsoleCookies.PasswordReset.Write(HttpContext, State with { NextResendTime = sent.NextResendTime?.ToDateTimeOffset() }, State.ExpireTime);
            StatusMessage.Set(TempData, localizer["PasswordReset.Resent"]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }

    private IActionResult Refused(ConnectClientException exception)
    {
        if (exception.Reason is ErrorReason.SignInNotFound or ErrorReason.SignInExpired or ErrorReason.TooManyAttempts)
        {
            return Restart(errors.Describe(exception));
        }
        errors.AddTo(ModelState, exception, typeof(InputModel));
        return Page();
    }

    private RedirectToPageResult Restart(string message)
    {
        ConsoleCookies.PasswordReset.Delete(HttpContext);
        StatusMessage.Set(TempData, message);
        return RedirectToPage("/PasswordReset/Index", new { returnUrl = State?.ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.EmailCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.EmailCode")]
        public string Code { get; set; } = string.Empty;

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
