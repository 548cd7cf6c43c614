using Connect.Admin.Localization;
using Connect.V1;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>One line of a member's history as the detail page shows it.</summary>
public sealed record MemberHistoryEntry(string Time, string Actor, string Action, IReadOnlyList<string> Details);

/// <summary>
/// A member's audit events in people's words: the action (<c>Audit.membership.updated</c>) and the details Connect
/// records ("field: before → after") whose field the console knows, with flags, states and topics translated.
/// Ids and other technical details are left out.
/// </summary>
public sealed class MemberHistory(IStringLocalizer localizer, Func<string, string> topicName)
{
    private const string Arrow = " → ";

    // Detail keys of Connect's audit events that people understand, in the order shown, with their labels.
    private static readonly (string Key, string Label)[] Shown =
    [
        ("given_name", "Field.GivenName"),
        ("family_name", "Field.FamilyName"),
        ("administrator", "Members.AdministratorRight"),
        ("topic_ids", "Members.Topics"),
        ("phone_number", "Members.Mobile"),
        ("pending_phone_number", "Members.PendingMobile"),
        ("state", "Members.State"),
        ("ended_sessions", "Members.EndedSessions"),
    ];

    public MemberHistoryEntry Describe(AuditEvent auditEvent)
    {
        var action = localizer["Audit." + auditEvent.Action];
        var details = Shown.Where(shown => auditEvent.Details.ContainsKey(shown.Key))
            .Select(shown => localizer["Common.Labelled", localizer[shown.Label], Values(shown.Key, auditEvent.Details[shown.Key])].Value)
            .ToList();
        return new MemberHistoryEntry(
            ConsoleTime.DateAndTime(auditEvent.Time),
            AuditActorText.Of(auditEvent, localizer),
            action.ResourceNotFound ? auditEvent.Action : action.Value,
            details);
    }

    /// <summary>A value, or "before → after", each side in words.</summary>
    private string Values(string key, string value) => string.Join(Arrow, value.Split(Arrow).Select(v => Value(key, v)));

    private string Value(string key, string value) => key switch
    {
        "administrator" => localizer[value == "true" ? "Common.Yes" : "Common.No"],
        "topic_ids" => value.Length == 0 ? localizer["Members.NoTopics"] : string.Join(", ", value.Split(',').Select(topicName)),
        // Connect writes the state as the design names it (pending_phone); events of before issue 5 hold the enum's name (PendingPhone).
        "state" => Enum.TryParse<MemberState>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            ? localizer[MemberStates.TextKey(state)] : value,
        _ => value.Length == 0 ? "–" : value,
    };
}
