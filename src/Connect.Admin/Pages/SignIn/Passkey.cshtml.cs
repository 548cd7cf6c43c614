using Connect.Admin.Localization;
using Connect.Admin.Pages.Shared;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.SignIn;

/// <summary>
/// Sign-in with a passkey alone, which stands for the password and the second factor. Opening the page starts a
/// passkey sign-in at Connect (its token in the sign-in cookie); the browser's answer comes back to
/// <see cref="OnPostVerifyAsync"/>. A refused answer ends that sign-in: the page starts a new one to try again.
/// </summary>
public sealed class PasskeyModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SignInPageModel(signIn, errors, localizer)
{
    private readonly ConnectErrorMessages _errors = errors;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The ceremony for the browser; null when Connect refused to start one.</summary>
    public PasskeyButton? Ceremony { get; private set; }

    public Task<IActionResult> OnGetAsync() => BeginAsync();

    public async Task<IActionResult> OnPostVerifyAsync(string? credentialJson)
    {
        try
        {
            var finished = await SignInClient.FinishPasskeySignInAsync(State.Token, credentialJson ?? "", cancellationToken: HttpContext.RequestAborted);
            if (finished.Session is { } session) return Complete(session);
            Save(State with { Organizations = [.. finished.Organizations.Select(OrganizationOption.From)] });
            return RedirectToPage(SignInSteps.Organization);
        }
        catch (ConnectClientException exception)
        {
            ModelState.AddModelError(string.Empty, exception.Reason is ErrorReason.SignInLocked or ErrorReason.RateLimited or ErrorReason.OrganizationSuspended
                ? _errors.Describe(exception)
                : Localizer["PasskeySignIn.Failed"]);
            ReturnUrl = State.ReturnUrl;
            return await BeginAsync();
        }
    }

    protected override bool StartsTheSignIn(PageHandlerExecutingContext context) => HttpMethods.IsGet(context.HttpContext.Request.Method);

    private async Task<IActionResult> BeginAsync()
    {
        try
        {
            var started = await SignInClient.StartPasskeySignInAsync(HttpContext.RequestAborted);
            var expires = started.ExpireTime?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow.AddMinutes(5);
            Save(new SignInState(started.SignInToken, [], "", expires, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null));
            Ceremony = new PasskeyButton(started.OptionsJson, Create: false, "passkey-sign-in", "Verify", "use-passkey", Localizer["PasskeySignIn.Use"]);
        }
        catch (ConnectClientException exception)
        {
            // No ceremony (the address is over its budget): the page says why and offers the password.
            ModelState.AddModelError(string.Empty, _errors.Describe(exception));
        }
        return Page();
    }
}
