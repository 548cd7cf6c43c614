using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Topics;

/// <summary>
/// The topic catalogue ("Thèmes"): every topic, the retired ones shown as such (they stay for the history), and the
/// form that adds one with its id and its name in each language.
/// </summary>
public sealed class IndexModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : TopicsPageModel(organizations, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Topic> Catalogue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        var id = Input.TopicId.Trim();
        try
        {
            var topic = await Organizations.CreateTopicAsync(id, Input.ToLocalizedText(), HttpContext.RequestAborted);
            return ToCatalogue(Localizer["Operator.Topics.Added", NameOf(topic), topic.Id]);
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.TopicExists)
        {
            ModelState.AddModelError("Input.TopicId", Errors.Describe(exception));
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
        }
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        // Topics in use first, each group ordered by id as Connect lists them.
        var topics = await Organizations.ListTopicsAsync(showRetired: true, HttpContext.RequestAborted);
        Catalogue = [.. topics.OrderBy(t => t.Retired)];
    }

    public sealed class InputModel : TopicNamesInput
    {
        [Required(ErrorMessage = "Required.Operator.Topics.Id")]
        [RegularExpression(@"^\s*[a-z](-?[a-z0-9])+\s*$", ErrorMessage = "Operator.Topics.IdFormat")]
        [StringLength(64, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Operator.Topics.Id")]
        public string TopicId { get; set; } = string.Empty;
    }
}
