using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>
/// A step of the wizard after the access code. Before any handler runs it loads the registration of the
/// browser's cookie: without one it sends the person back to the access code, and at another step it sends
/// them to the page of that step, so that a bookmark or the back button never shows a stale form.
/// </summary>
public abstract class RegistrationPageModel(
    ConnectRegistrationClient registrations,
    ConnectErrorMessages errors,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const string NextResendKey = "NextResendTime";

    protected ConnectRegistrationClient Registrations => registrations;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    protected string RegistrationToken { get; private set; } = string.Empty;

    public Registration Registration { get; private set; } = new();

    /// <summary>"A new code can be asked for from 14:32:10", while that time is still ahead.</summary>
    public string? NextResendHint { get; private set; }

    /// <summary>Whether this page serves the registration's current state; by default, when it is the state's page.</summary>
    protected virtual bool Serves(Registration registration) =>
        RegistrationSteps.PageFor(registration) == PageContext.ActionDescriptor.ViewEnginePath;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var token = ConsoleCookies.ReadRegistration(Request);
        if (token is null)
        {
            context.Result = Restart(localizer["Register.Missing"]);
            return;
        }
        try
        {
            Registration = await registrations.GetRegistrationAsync(token, HttpContext.RequestAborted);
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            context.Result = Restart(errors.Describe(exception));
            return;
        }
        if (!Serves(Registration))
        {
            context.Result = RedirectToPage(RegistrationSteps.PageFor(Registration));
            return;
        }
        RegistrationToken = token;
        NextResendHint = NextResend.Hint(TempData, NextResendKey, localizer);
        await next();
    }

    /// <summary>Answers a refused step: back to the start when the registration is gone, to the right step when the state moved on, else the page with its errors.</summary>
    protected IActionResult Refused(ConnectClientException exception)
    {
        if (IsGone(exception)) return Restart(errors.Describe(exception));
        if (exception.Reason == ErrorReason.RegistrationStepInvalid) return RedirectToPage();
        errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
        return Page();
    }

    protected void RememberNextResend(Timestamp? nextResendTime) => NextResend.Remember(TempData, NextResendKey, nextResendTime);

    private RedirectToPageResult Restart(string message)
    {
        ConsoleCookies.DeleteRegistration(HttpContext);
        StatusMessage.Set(TempData, message);
        return RedirectToPage(RegistrationSteps.AccessCode);
    }

    private static bool IsGone(ConnectClientException exception) =>
        exception.Reason is ErrorReason.RegistrationNotFound or ErrorReason.RegistrationExpired;
}
