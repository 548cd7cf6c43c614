using System.Globalization;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The derived keys of an audit event, one per index the log is read by. Each key is a prefix (an organisation, actor
/// or target id, an action family, or nothing), then the event's position — its time as 19 digits of ticks and its
/// 32-character id, so that a time range is a key range and events of one tick keep their order — then the encoded
/// action, so that an action filter is answered from the index without reading the event. Action codes hold only
/// 0-9 and a-z, so that the order is the same under any collation (see <see cref="MemberKeys"/>).
/// </summary>
internal static class AuditKeys
{
    public const int TimeWidth = 19;
    public const int IdWidth = 32;
    public const int PositionLength = TimeWidth + IdWidth;

    /// <summary>Above every position (letters sort after the time's digits): the upper bound of a read with no end.</summary>
    public const string Top = "z";

    /// <summary>Below every position: the lower bound of a read with no start.</summary>
    public const string Bottom = "";

    /// <summary>The events <see cref="AuditEvent.SignInKey"/> lists: issued sessions (a sign-in or a finished registration) and failed sign-ins.</summary>
    public const string SessionCreated = "session.created";
    public const string SignInFailed = "person.sign_in_failed";

    /// <summary>A time as the 19 digits that start a position; as a bound it stands just below every event of that tick.</summary>
    public static string Time(DateTime utc) => utc.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static string Position(AuditEvent auditEvent) => Time(auditEvent.Time) + auditEvent.Id;

    /// <summary>
    /// The position just above <paramref name="position"/> (its id plus one): read down from there, a scan starts with the
    /// event at <paramref name="position"/>.
    /// </summary>
    public static string Above(string position)
    {
        var id = UInt128.Parse(position.AsSpan(TimeWidth), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return position[..TimeWidth] + (id + 1).ToString("x32", CultureInfo.InvariantCulture);
    }

    /// <summary>True for a value <see cref="Position"/> can make (page tokens carry one).</summary>
    public static bool IsPosition(string value) =>
        value.Length == PositionLength && value[..TimeWidth].All(char.IsAsciiDigit) && value[TimeWidth..].All(char.IsAsciiHexDigitLower);

    /// <summary>An action in key letters: a-z stay, '.' becomes '0', '_' becomes '1', anything else '2'.</summary>
    public static string ActionCode(string action) => string.Create(action.Length, action, static (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
            span[i] = text[i] switch { >= 'a' and <= 'z' => text[i], '.' => '0', '_' => '1', _ => '2' };
    });

    /// <summary>The prefix of <see cref="AuditEvent.ActionKey"/> for the family of an action (its part before the first dot).</summary>
    public static string FamilyPrefix(string action)
    {
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return ActionCode(dot < 0 ? action : action[..dot]) + "0";
    }

    public static void Refresh(AuditEvent auditEvent)
    {
        var rest = Position(auditEvent) + ActionCode(auditEvent.Action);
        auditEvent.TimeKey = rest;
        auditEvent.OrganizationKey = Prefixed(auditEvent.OrganizationId, rest);
        auditEvent.ActorKey = Prefixed(auditEvent.ActorPersonId ?? auditEvent.ActorApplicationId, rest);
        auditEvent.TargetKey = Prefixed(auditEvent.TargetId, rest);
        auditEvent.ActionKey = FamilyPrefix(auditEvent.Action) + rest;
        auditEvent.SignInKey = Prefixed(SignInPersonOf(auditEvent), rest);
    }

    /// <summary>The position within a key read under <paramref name="prefix"/>.</summary>
    public static string PositionOf(string key, string prefix) => key.Substring(prefix.Length, PositionLength);

    /// <summary>The event id within a key read under <paramref name="prefix"/>.</summary>
    public static string IdOf(string key, string prefix) => key.Substring(prefix.Length + TimeWidth, IdWidth);

    /// <summary>The action code within a key read under <paramref name="prefix"/>.</summary>
    public static string ActionCodeOf(string key, string prefix) => key[(prefix.Length + PositionLength)..];

    /// <summary>The person whose sign-in the event records, or null: sessions a sign-in or registration issued, and failed sign-ins.</summary>
    private static string? SignInPersonOf(AuditEvent auditEvent) => auditEvent.Action switch
    {
        SessionCreated when auditEvent.Details.GetValueOrDefault("via") is "sign_in" or "registration" => auditEvent.Details.GetValueOrDefault("person_id"),
        SignInFailed => auditEvent.TargetId,
        _ => null,
    };

    private static string? Prefixed(string? prefix, string rest) => string.IsNullOrEmpty(prefix) ? null : prefix + rest;
}
