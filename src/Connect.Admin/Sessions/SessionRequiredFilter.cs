using Connect.Admin.Localization;
using Connect.Admin.Pages;
using Connect.Admin.Pages.SignIn;
using Connect.Client;
using Connect.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Sessions;

/// <summary>
/// The one place that sends a person to the sign-in: put on the folders of pages that act for a signed-in person
/// (see <c>AdminServiceCollectionExtensions</c>). Without the session cookie, or when Connect answers that the
/// session ended, the person goes to <c>/signin?returnUrl=…</c> and comes back to the page after signing in.
/// </summary>
public sealed class SessionRequiredFilter : IAsyncPageFilter, IOrderedFilter
{
    // Outside every other page filter, the page model's own included, so that nothing they throw gets past it.
    public int Order => int.MinValue;

    /// <summary>True when Connect refused the call because the session is missing or over.</summary>
    public static bool EndsTheSession(ConnectClientException exception) =>
        exception.StatusCode == StatusCode.Unauthenticated
        && exception.Reason is ErrorReason.SessionRequired or ErrorReason.SessionInvalid;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (ConsoleCookies.ReadSession(http.Request) is null)
        {
            context.Result = SignIn(http, http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["Error.SESSION_REQUIRED"]);
            return;
        }
        var executed = await next();
        if (executed.Exception is ConnectClientException exception && !executed.ExceptionHandled && EndsTheSession(exception))
        {
            ConsoleCookies.DeleteSession(http);
            executed.Result = SignIn(http, http.RequestServices.GetRequiredService<ConnectErrorMessages>().Describe(exception));
            executed.ExceptionHandled = true;
        }
        else if (executed.Exception is ConnectClientException { Reason: ErrorReason.PasskeyRequired } && !executed.ExceptionHandled)
        {
            // A passkey policy limits this session to adding a passkey: that is where every page leads until it is done.
            executed.Result = AddPasskey(http);
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>To the passkeys page, saying why.</summary>
    public static RedirectToPageResult AddPasskey(HttpContext http)
    {
        StatusMessage.Set(http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http),
            http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["Passkeys.PolicyRequiresOne"]);
        return new RedirectToPageResult("/Account/Passkeys");
    }

    private static RedirectToPageResult SignIn(HttpContext http, string message)
    {
        StatusMessage.Set(http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http), message);
        return new RedirectToPageResult(SignInSteps.Password, new { returnUrl = http.Request.Path + http.Request.QueryString });
    }
}
