using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The derived keys of a membership (list order, search text, active-administrator marker) and of an audit
/// event. Keys hold only the characters 0-9 and a-z, so that their order is the same under any collation.
/// </summary>
internal static class MemberKeys
{
    /// <summary>Folded family and given name, cut or padded with '0' to this width, between the organisation and membership ids.</summary>
    private const int NameWidth = 64;
    private const int IdWidth = 32;

    /// <summary>
    /// The list's two parts, each in name order: members shown by default (pending and active), then the deactivated.
    /// Asking for the deactivated only reads their part; asking for everyone reads one part after the other.
    /// </summary>
    private const char ShownPart = 'a';
    private const char DeactivatedPart = 'd';
    /// <summary>Raised when the layout of the keys changes: every key is then written again at start-up.</summary>
    public const string Version = "5";
    public const string VersionSetting = "member-keys-version";

    public static void Refresh(Membership membership, Person? person)
    {
        // The names shown, so that a search finds a waiting member by what was typed, never by the person's own names.
        var shown = new MemberView(membership, person);
        var name = Letters(shown.FamilyName) + "0" + Letters(shown.GivenName);
        name = name.Length >= NameWidth ? name[..NameWidth] : name.PadRight(NameWidth, '0');
        var text = person is null ? "" : SearchText.Fold($"{shown.GivenName} {shown.FamilyName} {shown.Email}");
        membership.ListKey = membership.OrganizationId + PartOf(membership.State) + name + membership.Id
            + (char)('0' + (int)membership.State) + Searchable(text);
        membership.ActiveAdministratorOf = membership.Administrator && membership.State == MembershipState.Active ? membership.OrganizationId : null;
    }

    /// <summary>True when a person's change shows in their memberships' keys: the names or the address.</summary>
    public static bool ShowsChange(Person before, Person after) =>
        before.GivenName != after.GivenName || before.FamilyName != after.FamilyName || before.Email != after.Email;

    /// <summary>
    /// The bounds of the part(s) of one organisation's member list that hold <paramref name="states"/>: below every
    /// key of the first part, and above every key of the last.
    /// </summary>
    public static (string First, string Last) Members(string organizationId, IReadOnlySet<MembershipState> states)
    {
        var first = states.Any(s => PartOf(s) == ShownPart) ? ShownPart : DeactivatedPart;
        var last = states.Contains(MembershipState.Deactivated) ? DeactivatedPart : ShownPart;
        return (organizationId + first, organizationId + last + new string('z', NameWidth + IdWidth + 1));
    }

    /// <summary>The length of the ordered part of every member list key, up to and with the membership id.</summary>
    private const int OrderedLength = IdWidth + 1 + NameWidth + IdWidth;

    /// <summary>LiteDB keeps index keys under 1,024 bytes; the search text is cut well below.</summary>
    private const int MaxSearchBytes = 600;

    /// <summary>
    /// Where the next page starts: just after the key's ordered part, above the key itself whatever its state and
    /// text ('9' is above every state digit), and below the next member's key. Names and addresses stay out of page tokens.
    /// </summary>
    public static string After(string listKey) => listKey[..OrderedLength] + "9";

    /// <summary>True for a value <see cref="After"/> made for the organisation.</summary>
    public static bool IsAfter(string value, string organizationId) =>
        value.Length == OrderedLength + 1 && value[^1] == '9' && value.StartsWith(organizationId, StringComparison.Ordinal)
        && value[..OrderedLength].All(char.IsAsciiLetterOrDigit);

    /// <summary>Whether the member of a list key is in one of <paramref name="states"/> and its text holds every word, without reading the membership.</summary>
    public static bool Matches(string listKey, IReadOnlySet<MembershipState> states, IReadOnlyList<string> words)
    {
        if (listKey.Length <= OrderedLength || listKey[OrderedLength] is < '1' or > '4') return false;
        if (!states.Contains((MembershipState)(listKey[OrderedLength] - '0'))) return false;
        var text = listKey.AsSpan(OrderedLength + 1);
        foreach (var word in words)
        {
            if (!text.Contains(word, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>The membership id within a list key.</summary>
    public static string MembershipId(string listKey) => listKey[(OrderedLength - IdWidth)..OrderedLength];

    private static char PartOf(MembershipState state) => state == MembershipState.Deactivated ? DeactivatedPart : ShownPart;

    /// <summary>Bounds of the events under one id prefix (organisation or target), for reading newest first.</summary>
    public static (string Newest, string Oldest) Events(string prefix) => (prefix + AuditKeys.Top, prefix + AuditKeys.Bottom);

    private static string Searchable(string text)
    {
        while (System.Text.Encoding.UTF8.GetByteCount(text) > MaxSearchBytes) text = text[..(text.Length * 3 / 4)];
        return text;
    }

    private static string Letters(string? name) => new(SearchText.Fold(name).Where(c => c is >= 'a' and <= 'z').ToArray());
}
