using System.Runtime.ExceptionServices;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator;

/// <summary>
/// A page of the fund's area. The folder's filters have already sent anyone without a session to the sign-in and send
/// a person who is no operator (Connect's <c>OPERATOR_REQUIRED</c>) to the page that says so; this keeps the rest of
/// Connect's refusals on the page's form.
/// </summary>
public abstract class OperatorPageModel(ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected ConnectErrorMessages Errors => errors;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>Puts Connect's refusal on the form; an ended session or a lost right is no form error and goes on to the folder's filters.</summary>
    protected void AddRefusal(ConnectClientException exception)
    {
        if (SessionRequiredFilter.EndsTheSession(exception) || OperatorRequiredFilter.Applies(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
    }

    /// <summary>Puts Connect's refusal on the page as a whole, for forms whose fields are not the request's.</summary>
    protected void AddPageRefusal(ConnectClientException exception)
    {
        if (SessionRequiredFilter.EndsTheSession(exception) || OperatorRequiredFilter.Applies(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, inputType: null);
    }

    /// <summary>A message for the next page (post/redirect/get), or for the page after a download.</summary>
    protected void Say(string message) => StatusMessage.Set(TempData, message);

    /// <summary>To another page of the area, saying why (something that does not exist any more, for instance).</summary>
    protected RedirectToPageResult RedirectSaying(string page, string message)
    {
        Say(message);
        return RedirectToPage(page);
    }
}
