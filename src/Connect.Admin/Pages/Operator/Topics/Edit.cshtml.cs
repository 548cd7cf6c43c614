using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Topics;

/// <summary>
/// One topic: its names in the four languages, renamed together; and the way to retire it. A retired topic is only
/// shown: Connect renames or retires it no more.
/// </summary>
public sealed class EditModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : TopicsPageModel(organizations, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public TopicNamesInput Input { get; set; } = new();

    public Topic Topic { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync(Id, HttpContext.RequestAborted) is not { } topic) return ToCatalogue(Localizer["Error.TOPIC_NOT_FOUND"]);
        Topic = topic;
        Input.Fill(topic.DisplayName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (ModelState.IsValid)
        {
            try
            {
                var topic = await Organizations.RenameTopicAsync(Id, Input.ToLocalizedText(), ct);
                return ToCatalogue(Localizer["Operator.Topics.Renamed", topic.Id, NameOf(topic)]);
            }
            catch (ConnectClientException exception) when (exception.Reason == ErrorReason.TopicNotFound)
            {
                return ToCatalogue(Errors.Describe(exception));
            }
            catch (ConnectClientException exception)
            {
                AddRefusal(exception);
            }
        }
        if (await FindAsync(Id, ct) is not { } shown) return ToCatalogue(Localizer["Error.TOPIC_NOT_FOUND"]);
        Topic = shown;
        return Page();
    }
}
