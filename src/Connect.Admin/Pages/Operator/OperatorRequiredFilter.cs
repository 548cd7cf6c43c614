using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Connect.Admin.Pages.Operator;

/// <summary>
/// Put on the operator area's folder (see <c>AdminServiceCollectionExtensions</c>): when Connect answers that the
/// session's person is no fund operator, the person sees the page that says so, whichever page or form they came
/// from. Connect decides; the console keeps no list of operators.
/// </summary>
public sealed class OperatorRequiredFilter : IAsyncPageFilter, IOrderedFilter
{
    // Just inside the session filter, outside the page model's own handling.
    public int Order => int.MinValue + 1;

    /// <summary>True when Connect refused the call because the person is no operator.</summary>
    public static bool Applies(ConnectClientException exception) => exception.Reason == ErrorReason.OperatorRequired;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is ConnectClientException exception && !executed.ExceptionHandled && Applies(exception))
        {
            executed.Result = new RedirectToPageResult(OperatorPages.OperatorsOnly);
            executed.ExceptionHandled = true;
        }
    }
}
