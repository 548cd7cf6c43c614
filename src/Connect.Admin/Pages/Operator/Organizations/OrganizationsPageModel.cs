using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// A page of the register of organisations. The operator area's filters have already sent anyone without a session
/// to the sign-in and send a person who is no operator (Connect's <c>OPERATOR_REQUIRED</c>) to the page that says so.
/// </summary>
public abstract class OrganizationsPageModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OperatorPageModel(errors, localizer)
{
    protected ConnectOrganizationClient Organizations => organizations;

    /// <summary>The whole topic catalogue, retired topics included (an organisation may still hold one), once loaded.</summary>
    public IReadOnlyList<Topic> Catalogue { get; private set; } = [];

    protected async Task LoadTopicsAsync(CancellationToken cancellationToken) =>
        Catalogue = await organizations.ListTopicsAsync(showRetired: true, cancellationToken);

    /// <summary>A topic's name in the console's language; its id when the catalogue does not know it.</summary>
    public string TopicName(string topicId) =>
        Catalogue.FirstOrDefault(t => t.Id == topicId) is { } topic ? ConsoleCultures.Pick(topic.DisplayName) : topicId;

    public string TopicNames(IEnumerable<string> topicIds) => string.Join(", ", topicIds.Select(TopicName));

    public string StateName(OrganizationState state) => Localizer[OrganizationStates.TextKey(state)];


    /// <summary>Keeps only the validation of the posted form's fields, for pages whose forms share one input model.</summary>
    protected void ValidateOnly(params string[] properties)
    {
        var kept = properties.Select(p => "Input." + p).ToHashSet();
        foreach (var key in ModelState.Keys.Where(k => !kept.Contains(k)).ToList()) ModelState.Remove(key);
    }

    /// <summary>To the list, saying why (an organisation that does not exist, for instance).</summary>
    protected RedirectToPageResult ToList(string message) => RedirectSaying(OrganizationPages.List, message);

    /// <summary>An organisation that does not exist sends the operator back to the list.</summary>
    protected static bool IsGone(ConnectClientException exception) => exception.Reason == ErrorReason.OrganizationNotFound;

    /// <summary>
    /// A PDF with access codes, as the answer of the form that issued them: Connect returns the codes once and keeps
    /// no copy, so the file is neither stored by the console nor cached by the browser.
    /// </summary>
    protected FileContentResult Pdf(Google.Protobuf.ByteString pdf, string fileName)
    {
        Response.Headers.CacheControl = "no-store";
        return File(pdf.ToByteArray(), "application/pdf", fileName);
    }

    /// <summary>A file name's part from an affiliate number, whose slashes no file system takes.</summary>
    protected static string FileNamePart(string affiliateNumber) =>
        new([.. affiliateNumber.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
}
