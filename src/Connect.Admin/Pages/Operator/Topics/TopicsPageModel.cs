using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Topics;

/// <summary>
/// A page of the topic catalogue. The folder's filters have already sent anyone without a session to the sign-in
/// and send a person who is no operator (Connect's <c>OPERATOR_REQUIRED</c>) to the page that says so.
/// </summary>
public abstract class TopicsPageModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OperatorPageModel(errors, localizer)
{
    protected ConnectOrganizationClient Organizations => organizations;

    /// <summary>A topic's name in the console's language.</summary>
    public static string NameOf(Topic topic) => ConsoleCultures.Pick(topic.DisplayName);

    /// <summary>
    /// The topic of <paramref name="id"/>, retired ones included; null when the catalogue has none. Connect has no call
    /// for one topic, and the catalogue is a few dozen entries.
    /// </summary>
    protected async Task<Topic?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await organizations.ListTopicsAsync(showRetired: true, cancellationToken)).FirstOrDefault(t => t.Id == id);


    /// <summary>To the catalogue, saying why (a topic that does not exist, for instance).</summary>
    protected RedirectToPageResult ToCatalogue(string message) => RedirectSaying(OperatorPages.Topics, message);
}
