using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Which audit events a search or export wants; every part optional, all must hold. The person part means the events
/// the person did, and those done to them as a person or to one of their memberships. Times are a half-open range.
/// </summary>
public sealed partial record AuditFilter(string? OrganizationId, string? PersonId, string? Action, bool ActionFamily, DateTime? Start, DateTime? End)
{
    public const int MaxActionLength = 100;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-z_]*(\.[a-z][a-z_]*)*$")]
    private static partial Regex ActionPattern();

    /// <summary>The checked filter: ids as the store makes them, an action or a family (<c>membership.*</c>), end after start.</summary>
    public static AuditFilter Create(string? organizationId, string? personId, string? action, DateTime? start, DateTime? end)
    {
        var organization = Id("filter.organization_id", organizationId);
        var person = Id("filter.person_id", personId);
        string? exact = null;
        var family = false;
        if (!string.IsNullOrEmpty(action))
        {
            family = action.EndsWith(".*", StringComparison.Ordinal);
            exact = family ? action[..^2] : action;
            if (action.Length > MaxActionLength || !ActionPattern().IsMatch(exact))
                throw ConnectException.Field("filter.action", "must be an action like membership.created, or a family like membership.*");
        }
        if (start is { } from && end is { } until && until <= from)
            throw new ConnectException(ErrorReason.TimeRangeInvalid, "The time range is inverted or empty: end_time must be after start_time.")
            {
                Violations = [new FieldViolation("filter.end_time", "must be after start_time")],
            };
        return new AuditFilter(organization, person, exact, family, start, end);
    }

    /// <summary>A short digest of the filter: a page token carries it, so that it fits only the filter it came from.</summary>
    public string Fingerprint()
    {
        var text = string.Join('\n', OrganizationId, PersonId, Action, ActionFamily ? "family" : "exact",
            Start?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), End?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string? Id(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return IdPattern().IsMatch(value) ? value : throw ConnectException.Field(field, "must be an id as the API gives it (32 lower-case hex digits)");
    }
}
