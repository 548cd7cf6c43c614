using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Audit;

/// <summary>
/// The fund's audit log: filtered by organisation (affiliate number or id), person (e-mail address or id), action
/// (<c>person.second_factor_reset</c>, or a family such as <c>membership.*</c>) and Swiss calendar days, newest first,
/// a page at a time; and the same filter exported as CSV. The filter lives in the address, so a search can be
/// bookmarked or sent to a colleague; people's words are resolved to Connect's ids on every request.
/// </summary>
public sealed partial class IndexModel(
    ConnectAuditClient audit,
    ConnectOrganizationClient organizations,
    ConnectSupportClient support,
    ConnectErrorMessages errors,
    IStringLocalizer<SharedResource> localizer) : OperatorPageModel(errors, localizer)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "organization")]
    public string? OrganizationFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "person")]
    public string? PersonFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    /// <summary>The first Swiss day, <c>yyyy-MM-dd</c> as a date field sends it.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    /// <summary>The last Swiss day, included.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? PageToken { get; set; }

    /// <summary>The organisation the filter found, shown beside the field.</summary>
    public Organization? FoundOrganization { get; private set; }

    /// <summary>The person the filter found, shown beside the field.</summary>
    public PersonSummary? FoundPerson { get; private set; }

    /// <summary>Null when the filter could not be read; the page's events otherwise.</summary>
    public IReadOnlyList<AuditEvent>? Events { get; private set; }

    public string? NextUrl { get; private set; }

    public string FirstPageUrl => FilterUrl(token: null);

    public string ExportUrl => FilterUrl(token: null, handler: "export");

    /// <summary>Suggestions for the action field; any action or family can be typed.</summary>
    public static IReadOnlyList<string> SuggestedActions { get; } =
    [
        "person.second_factor_reset", "person.sign_in_lock_lifted", "person.activation_resent", "person.phone_enrolled",
        "person.*", "membership.*", "organization.*", "invitation.*", "topic.*", "session.*", "registration.*",
    ];

    private readonly Dictionary<string, string> organizationNames = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ResolveAsync(ct) is not { } filter) return Page();
        try
        {
            var page = await audit.SearchAuditEventsAsync(filter, PageSize, PageToken ?? string.Empty, ct);
            Events = page.AuditEvents;
            if (page.NextPageToken.Length > 0) NextUrl = FilterUrl(page.NextPageToken);
            await NameOrganizationsAsync(Events.Select(e => e.OrganizationId), ct);
            if (Events.Any(e => e.Details.ContainsKey("topic_ids"))) topics = await organizations.ListTopicsAsync(showRetired: true, ct);
        }
        catch (ConnectClientException exception)
        {
            AddPageRefusal(exception);
        }
        return Page();
    }

    /// <summary>"Exporter (CSV)": the filter's events as a download, or the page with Connect's refusal.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ResolveAsync(ct) is not { } filter) return Page();
        try
        {
            var fileName = $"connect-audit-{ConsoleTime.SwissDay(DateTimeOffset.UtcNow):yyyy-MM-dd}.csv";
            return await AuditCsvDownload.StartAsync(audit, filter, fileName, ct);
        }
        catch (ConnectClientException exception)
        {
            AddPageRefusal(exception);
            return Page();
        }
    }

    private IReadOnlyList<Topic> topics = [];
    private AuditText? text;

    /// <summary>The events' actions, targets and details in words.</summary>
    public AuditText Text => text ??= new(Localizer, id => topics.FirstOrDefault(t => t.Id == id) is { } topic ? ConsoleCultures.Pick(topic.DisplayName) : id);

    public string ActorName(AuditEvent auditEvent) => AuditActorText.Of(auditEvent, Localizer);

    public string OrganizationName(string organizationId) =>
        organizationId.Length == 0 ? "–" : organizationNames.GetValueOrDefault(organizationId, organizationId);

    /// <summary>Turns the fields into Connect's filter; null (with the reasons on the page) when one cannot be read.</summary>
    private async Task<AuditEventFilter?> ResolveAsync(CancellationToken cancellationToken)
    {
        var filter = new AuditEventFilter { Action = ActionFilter?.Trim().ToLowerInvariant() ?? string.Empty };
        var organization = ResolveOrganizationAsync(cancellationToken);
        var person = ResolvePersonAsync(cancellationToken);
        try
        {
            await Task.WhenAll(organization, person);
        }
        catch (ConnectClientException exception)
        {
            AddPageRefusal(exception);
            return null;
        }
        FoundOrganization = await organization;
        FoundPerson = await person;
        if (!string.IsNullOrWhiteSpace(OrganizationFilter) && FoundOrganization is null)
            Problem("Operator.Audit.Organization", "Operator.Audit.OrganizationNotFound");
        if (!string.IsNullOrWhiteSpace(PersonFilter) && FoundPerson is null)
            Problem("Operator.Audit.Person", "Operator.Audit.PersonNotFound");
        filter.OrganizationId = FoundOrganization?.Id ?? string.Empty;
        filter.PersonId = FoundPerson?.Id ?? string.Empty;

        // Whole Swiss days: from the first day's midnight to the midnight after the last day.
        if (Day(From, "Operator.Audit.From") is { } from) filter.StartTime = Timestamp.FromDateTimeOffset(ConsoleTime.StartOfSwissDay(from));
        if (Day(To, "Operator.Audit.To") is { } to) filter.EndTime = Timestamp.FromDateTimeOffset(ConsoleTime.StartOfSwissDay(to.AddDays(1)));
        return ModelState.IsValid ? filter : null;
    }

    /// <summary>By id, or by affiliate number through the organisations' search (which also finds names: only an exact number counts).</summary>
    private async Task<Organization?> ResolveOrganizationAsync(CancellationToken cancellationToken)
    {
        var typed = OrganizationFilter?.Trim();
        if (string.IsNullOrEmpty(typed)) return null;
        if (Id().IsMatch(typed))
        {
            try
            {
                return await organizations.GetOrganizationAsync(typed, cancellationToken);
            }
            catch (ConnectClientException exception) when (exception.Reason == ErrorReason.OrganizationNotFound)
            {
                // 32 digits can also be an affiliate number.
            }
        }
        var found = await organizations.ListOrganizationsAsync(typed, pageSize: 20, cancellationToken: cancellationToken);
        return found.Organizations.FirstOrDefault(o => string.Equals(o.AffiliateNumber, typed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>By id, or by e-mail address through support's search (which finds the start of addresses: only the whole one counts).</summary>
    private async Task<PersonSummary?> ResolvePersonAsync(CancellationToken cancellationToken)
    {
        var typed = PersonFilter?.Trim();
        if (string.IsNullOrEmpty(typed)) return null;
        if (Id().IsMatch(typed))
        {
            try
            {
                return (await support.GetPersonAsync(typed, cancellationToken)).Person;
            }
            catch (ConnectClientException exception) when (exception.Reason == ErrorReason.PersonNotFound)
            {
                return null;
            }
        }
        if (typed.Length < 2) return null;
        var found = await support.SearchPersonsAsync(typed, cancellationToken);
        return found.Persons.FirstOrDefault(p => string.Equals(p.Email, typed, StringComparison.OrdinalIgnoreCase));
    }

    private DateOnly? Day(string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        Problem(label, "Operator.Audit.DateInvalid");
        return null;
    }

    private void Problem(string label, string message) =>
        ModelState.AddModelError(string.Empty, Localizer["Common.Labelled", Localizer[label], Localizer[message]]);

    /// <summary>Names the page's organisations, one call each (a page names few); an organisation Connect no longer shows keeps its id.</summary>
    private async Task NameOrganizationsAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        if (FoundOrganization is not null) organizationNames[FoundOrganization.Id] = FoundOrganization.DisplayName;
        var lookups = ids.Where(id => id.Length > 0 && !organizationNames.ContainsKey(id)).Distinct()
            .Select(async id =>
            {
                try
                {
                    return await organizations.GetOrganizationAsync(id, cancellationToken);
                }
                catch (ConnectClientException exception) when (exception.Reason == ErrorReason.OrganizationNotFound)
                {
                    return null;
                }
            });
        foreach (var organization in await Task.WhenAll(lookups))
        {
            if (organization is not null) organizationNames[organization.Id] = organization.DisplayName;
        }
    }

    /// <summary>This page with the same filter, at the page of <paramref name="token"/>.</summary>
    private string FilterUrl(string? token, string? handler = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add(new(name, value.Trim()));
        }
        Add("organization", OrganizationFilter);
        Add("person", PersonFilter);
        Add("action", ActionFilter);
        Add("from", From);
        Add("to", To);
        Add("token", token);
        Add("handler", handler);
        return Url.Page(OperatorPages.Audit) + QueryString.Create(query);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Id();
}
