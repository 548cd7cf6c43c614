using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Support;

/// <summary>
/// A page of the fund's support. The folder's filters have already sent anyone without a session to the sign-in
/// and send a person who is no operator (Connect's <c>OPERATOR_REQUIRED</c>) to the page that says so.
/// </summary>
public abstract class SupportPageModel(ConnectSupportClient support, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OperatorPageModel(errors, localizer)
{
    protected ConnectSupportClient Support => support;

    public static string FullName(PersonSummary person) => $"{person.GivenName} {person.FamilyName}";


    /// <summary>A person that does not exist (any more) sends the operator back to the search.</summary>
    protected static bool IsGone(ConnectClientException exception) => exception.Reason == ErrorReason.PersonNotFound;

    protected RedirectToPageResult ToSearch(string message) => RedirectSaying(OperatorPages.Support, message);
}
