using System.Text;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The derived list key of an organisation, so that the organisation list is an index walk that never reads an
/// organisation it does not return: the folded name (fixed width) and id give the order; then the state and the
/// search text (the name's words and the affiliate number) let the walk filter on the key alone. The ordered part
/// holds only 0-9 and a-z, so its order is the same under any collation.
/// </summary>
internal static class OrganizationKeys
{
    /// <summary>Folded letters and digits of the name, cut or padded with '0' to this width.</summary>
    private const int NameWidth = 96;
    private const int IdWidth = 32;
    private const int OrderedLength = NameWidth + IdWidth;
    /// <summary>LiteDB keeps index keys under 1,024 bytes; the search text is cut well below.</summary>
    private const int MaxSearchBytes = 600;
    private const char Active = '1';
    private const char Suspended = '2';
    /// <summary>Between the name's words and the affiliate number in the search text; never part of a word.</summary>
    private const string AffiliateMark = " #";

    /// <summary>The one way an organisation's list key is written.</summary>
    public static void Refresh(Organization organization)
    {
        var name = new string(SearchText.Fold(organization.DisplayName).Where(char.IsAsciiLetterOrDigit).ToArray());
        name = name.Length >= NameWidth ? name[..NameWidth] : name.PadRight(NameWidth, '0');
        var text = " " + string.Join(' ', SearchText.Words(organization.DisplayName)) + AffiliateMark + organization.AffiliateNumber.ToLowerInvariant();
        while (Encoding.UTF8.GetByteCount(text) > MaxSearchBytes) text = text[..(text.Length * 3 / 4)];
        organization.ListKey = name + organization.Id + (organization.Suspended ? Suspended : Active) + text;
    }

    /// <summary>Below every list key.</summary>
    public const string First = "";

    /// <summary>Above every list key.</summary>
    public static readonly string Last = new('z', OrderedLength + 1);

    /// <summary>
    /// Where the next page starts: just after the key's ordered part ('9' is above every state digit), below the next
    /// organisation's key. Names stay out of page tokens.
    /// </summary>
    public static string After(string listKey) => listKey[..OrderedLength] + "9";

    /// <summary>True for a value <see cref="After"/> made.</summary>
    public static bool IsAfter(string value) =>
        value.Length == OrderedLength + 1 && value[^1] == '9' && value[..OrderedLength].All(char.IsAsciiLetterOrDigit);

    /// <summary>The organisation id within a list key.</summary>
    public static string OrganizationId(string listKey) => listKey[NameWidth..OrderedLength];

    /// <summary>Whether the organisation of a list key is in the states asked for and matches the query, without reading it.</summary>
    public static bool Matches(string listKey, bool? suspended, OrganizationQuery query)
    {
        if (listKey.Length <= OrderedLength || listKey[OrderedLength] is not (Active or Suspended)) return false;
        if (suspended is { } wanted && wanted != (listKey[OrderedLength] == Suspended)) return false;
        if (query.Empty) return true;
        var text = listKey.AsSpan(OrderedLength + 1);
        var mark = text.LastIndexOf(AffiliateMark, StringComparison.Ordinal);
        if (query.AffiliatePrefix is { } prefix && mark >= 0 && text[(mark + AffiliateMark.Length)..].StartsWith(prefix, StringComparison.Ordinal))
            return true;
        if (query.Words.Count == 0) return false;
        var names = mark >= 0 ? text[..mark] : text;
        foreach (var word in query.Words)
        {
            if (!StartsAWord(names, word)) return false;
        }
        return true;
    }

    private static bool StartsAWord(ReadOnlySpan<char> names, string word)
    {
        for (var at = names.IndexOf(word, StringComparison.Ordinal); at >= 0;)
        {
            if (at > 0 && names[at - 1] == ' ') return true;
            var next = names[(at + 1)..].IndexOf(word, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }
}
