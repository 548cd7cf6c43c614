using System.Globalization;
using Connect.Admin.Pages.Members;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Localization;

/// <summary>
/// Connect's audit events in people's words, for the fund's audit log and a member's history: the action
/// (<c>Audit.&lt;action&gt;</c>), what it concerned (<c>Audit.Target.&lt;type&gt;</c>), and each detail as a label
/// (<c>Audit.Detail.&lt;key&gt;</c>) and a value in words: yes/no, states, languages, topics by name, times as the page
/// shows them, "before → after" side by side; empty details are left out. The stable keys stay in the CSV export.
/// </summary>
public sealed class AuditText(IStringLocalizer localizer, Func<string, string> topicName)
{
    private const string Arrow = " → ";

    /// <summary>The action's words; its key when this console does not know it yet (a newer server).</summary>
    public string Action(string action)
    {
        var text = localizer["Audit." + action];
        return text.ResourceNotFound ? action : text.Value;
    }

    public string Target(string targetType)
    {
        var text = localizer["Audit.Target." + targetType];
        return text.ResourceNotFound ? targetType : text.Value;
    }

    /// <summary>The detail's label; its key when unknown.</summary>
    public string Label(string key)
    {
        var text = localizer["Audit.Detail." + key];
        return text.ResourceNotFound ? key : text.Value;
    }

    /// <summary>Every detail with a value, as "label: value", in the order of their labels.</summary>
    public IReadOnlyList<(string Label, string Value)> Details(AuditEvent auditEvent) =>
        [.. auditEvent.Details.Where(d => d.Value.Length > 0)
            .Select(d => (Label(d.Key), Values(d.Key, d.Value)))
            .OrderBy(d => d.Item1, StringComparer.CurrentCulture)];

    /// <summary>A value, or "before → after", each side in words.</summary>
    public string Values(string key, string value) => string.Join(Arrow, value.Split(Arrow).Select(v => Value(key, v)));

    private string Value(string key, string value) => (key, value) switch
    {
        ("topic_ids", "") => localizer["Members.NoTopics"],
        ("topic_ids", _) => string.Join(", ", value.Split(',').Select(topicName)),
        // Connect writes the state as the design names it (pending_phone); events of before issue 5 hold the enum's name (PendingPhone).
        ("state", _) when System.Enum.TryParse<MemberState>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            => localizer[MemberStates.TextKey(state)],
        ("language", "fr" or "de" or "it" or "en") => localizer["Language." + value],
        (_, "true") => localizer["Common.Yes"],
        (_, "false") => localizer["Common.No"],
        (_, "") => "–",
        _ when value.EndsWith('Z') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            => ConsoleTime.DateAndTime(Timestamp.FromDateTimeOffset(time)),
        _ => Known(key, value),
    };

    /// <summary>A value of a small set (a factor, a delivery) in words where the resources name it.</summary>
    private string Known(string key, string value)
    {
        var text = localizer["Audit.Value." + key + "." + value];
        return text.ResourceNotFound ? value : text.Value;
    }
}
