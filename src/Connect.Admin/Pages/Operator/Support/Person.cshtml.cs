using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Support;

/// <summary>
/// What support needs to help one person: their memberships in every organisation, whether their address is locked
/// after failed sign-ins, their second factors, their recent sign-ins and whether an activation is pending; and the
/// actions that fit (each asks for a reason on its own page).
/// </summary>
public sealed class PersonModel(
    ConnectSupportClient support, ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SupportPageModel(support, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public GetPersonResponse Person { get; private set; } = new();

    private IReadOnlyList<Topic> catalogue = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            var person = Support.GetPersonAsync(Id, ct);
            // The catalogue names the memberships' topics, retired ones included: Connect leaves those out, but a name beats an id.
            var topics = organizations.ListTopicsAsync(showRetired: true, ct);
            await Task.WhenAll(person, topics);
            Person = await person;
            catalogue = await topics;
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            return ToSearch(Errors.Describe(exception));
        }
        return Page();
    }

    public string TopicNames(IEnumerable<string> topicIds)
    {
        var names = topicIds.Select(id => catalogue.FirstOrDefault(t => t.Id == id) is { } topic ? ConsoleCultures.Pick(topic.DisplayName) : id).ToList();
        return names.Count == 0 ? Localizer["Members.NoTopics"] : string.Join(", ", names);
    }

    /// <summary>The organisation of a sign-in, by the person's memberships; its id when they no longer have one there.</summary>
    public string OrganizationName(string organizationId) =>
        organizationId.Length == 0 ? "–"
        : Person.Memberships.FirstOrDefault(m => m.OrganizationId == organizationId)?.OrganizationName ?? organizationId;

    /// <summary>A sign-in's factor or failed step in words (<c>sms</c>, <c>password</c>, …); Connect's word when the console has none.</summary>
    public string SignInDetail(string detail)
    {
        var text = Localizer["Operator.Support.SignInDetail." + detail];
        return text.ResourceNotFound ? detail : text.Value;
    }

    public static string When(Google.Protobuf.WellKnownTypes.Timestamp? time) => ConsoleTime.DateAndTime(time);
}
