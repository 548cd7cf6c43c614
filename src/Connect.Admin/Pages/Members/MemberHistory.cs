using Connect.Admin.Localization;
using Connect.V1;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>One line of a member's history as the detail page shows it.</summary>
public sealed record MemberHistoryEntry(string Time, string Actor, string Action, IReadOnlyList<string> Details);

/// <summary>
/// A member's audit events in people's words (<see cref="AuditText"/>): the details whose field an administrator
/// knows, in the order of the form. Ids and other technical details are left out.
/// </summary>
public sealed class MemberHistory(IStringLocalizer localizer, Func<string, string> topicName)
{
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

    private readonly AuditText _text = new(localizer, topicName);

    public MemberHistoryEntry Describe(AuditEvent auditEvent)
    {
        var details = Shown.Where(shown => auditEvent.Details.ContainsKey(shown.Key))
            .Select(shown => localizer["Common.Labelled", localizer[shown.Label], _text.Values(shown.Key, auditEvent.Details[shown.Key])].Value)
            .ToList();
        return new MemberHistoryEntry(
            ConsoleTime.DateAndTime(auditEvent.Time),
            AuditActorText.Of(auditEvent, localizer),
            _text.Action(auditEvent.Action),
            details);
    }
}
