using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.SignIn;

/// <summary>
/// A step of the sign-in after the password. Before any handler runs it reads the sign-in cookie; without one
/// (never started, expired, or finished) the person starts again with the password.
/// </summary>
public abstract class SignInPageModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    protected ConnectSignInClient SignInClient => signIn;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public SignInState State { get; private set; } = default!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (StartsTheSignIn(context))
        {
            await next();
            return;
        }
        if (ConsoleCookies.SignIn.Read(HttpContext) is not { } state)
        {
            context.Result = Restart(localizer["SignIn.Missing"], returnUrl: null);
            return;
        }
        State = state;
        await next();
    }

    /// <summary>True for the handler of a step that begins a sign-in of its own (no cookie yet); it then calls <see cref="Save"/>.</summary>
    protected virtual bool StartsTheSignIn(PageHandlerExecutingContext context) => false;

    /// <summary>Keeps the sign-in's new state for the next page.</summary>
    protected void Save(SignInState state)
    {
        State = state;
        ConsoleCookies.SignIn.Write(HttpContext, state, state.ExpireTime);
    }

    /// <summary>The session is there: keep it, forget the sign-in, and go where the person wanted to go.</summary>
    protected IActionResult Complete(IssuedSession session)
    {
        ConsoleCookies.WriteSession(HttpContext, session.SessionToken, session.ExpireTime);
        ConsoleCookies.SignIn.Delete(HttpContext);
        if (session.PasskeyEnrollmentRequired) return SessionRequiredFilter.AddPasskey(HttpContext);
        return LocalRedirect(Url.IsLocalUrl(State.ReturnUrl) ? State.ReturnUrl : SignInSteps.Home);
    }

    /// <summary>Answers a refused step: back to the password when the sign-in is over, else the page with its errors.</summary>
    protected IActionResult Refused(ConnectClientException exception)
    {
        switch (exception.Reason)
        {
            case ErrorReason.SignInNotFound or ErrorReason.SignInExpired or ErrorReason.SignInLocked:
                return Restart(errors.Describe(exception), State.ReturnUrl);
            case ErrorReason.TooManyAttempts:
                // Here the whole sign-in is dead, not only the code.
                return Restart(localizer["SignIn.TooManyAttempts"], State.ReturnUrl);
            case ErrorReason.SignInStepInvalid when State.Organizations.Count > 0:
                return RedirectToPage(SignInSteps.Organization);
            default:
                errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
                return Page();
        }
    }

    private RedirectToPageResult Restart(string message, string? returnUrl)
    {
        ConsoleCookies.SignIn.Delete(HttpContext);
        StatusMessage.Set(TempData, message);
        return RedirectToPage(SignInSteps.Password, new { returnUrl });
    }
}
