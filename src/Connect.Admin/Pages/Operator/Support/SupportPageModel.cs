using System.Runtime.ExceptionServices;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Support;

/// <summary>
/// A page of the fund's support. The folder's filters have already sent anyone without a session to the sign-in
/// and send a person who is no operator (Connect's <c>OPERATOR_REQUIRED</c>) to the page that says so.
/// </summary>
public abstract class SupportPageModel(ConnectSupportClient support, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    protected ConnectSupportClient Support => support;

    protected ConnectErrorMessages Errors => errors;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public static string FullName(PersonSummary person) => $"{person.GivenName} {person.FamilyName}";

    /// <summary>Puts Connect's refusal on the form; an ended session or a lost right is no form error and goes on to the folder's filters.</summary>
    protected void AddRefusal(ConnectClientException exception)
    {
        if (SessionRequiredFilter.EndsTheSession(exception) || OperatorRequiredFilter.Applies(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
    }

    /// <summary>A message for the next page (post/redirect/get).</summary>
    protected void Say(string message) => StatusMessage.Set(TempData, message);

    /// <summary>A person that does not exist (any more) sends the operator back to the search.</summary>
    protected static bool IsGone(ConnectClientException exception) => exception.Reason == ErrorReason.PersonNotFound;

    protected RedirectToPageResult ToSearch(string message)
    {
        Say(message);
        return RedirectToPage(OperatorPages.Support);
    }
}
