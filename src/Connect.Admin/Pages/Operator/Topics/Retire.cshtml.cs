using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Topics;

/// <summary>
/// The confirmation before a topic is retired: it says that retiring cannot be undone and that the topic disappears
/// from every grant (people and organisations), while the catalogue and the audit log keep its name.
/// </summary>
public sealed class RetireModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : TopicsPageModel(organizations, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public Topic Topic { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync(Id, HttpContext.RequestAborted) is not { } topic) return ToCatalogue(Localizer["Error.TOPIC_NOT_FOUND"]);
        if (topic.Retired) return ToCatalogue(Localizer["Error.TOPIC_RETIRED"]);
        Topic = topic;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var topic = await Organizations.RetireTopicAsync(Id, HttpContext.RequestAborted);
            return ToCatalogue(Localizer["Operator.Topics.Retired", NameOf(topic), topic.Id]);
        }
        catch (ConnectClientException exception) when (exception.Reason is ErrorReason.TopicNotFound or ErrorReason.TopicRetired)
        {
            return ToCatalogue(Errors.Describe(exception));
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
        }
        if (await FindAsync(Id, HttpContext.RequestAborted) is not { } shown) return ToCatalogue(Localizer["Error.TOPIC_NOT_FOUND"]);
        Topic = shown;
        return Page();
    }
}
