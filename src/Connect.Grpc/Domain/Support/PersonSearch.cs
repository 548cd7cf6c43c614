using System.Text.RegularExpressions;

namespace Connect.Grpc.Domain;

/// <summary>A person as support's search lists them.</summary>
internal sealed record PersonSummaryView(Person Person, int MembershipCount);

/// <summary>
/// Support's search for a person, by what a caller on the phone can tell: an e-mail address or its start (a range of the
/// unique e-mail index), a mobile number in any format libphonenumber reads (exact, on the phone index), or name words
/// that each start a word of the given or family name, in any case and with or without accents (a range of the
/// multikey index of folded name words). Every read is bounded; at most 50 persons are answered.
/// </summary>
internal sealed partial class PersonSearch(IStore store, MobileNumbers mobileNumbers)
{
    public const int MinQueryLength = 2;
    public const int MaxResults = 50;

    /// <summary>Persons read at most for a name search; a query matching more answers the first ones and "truncated".</summary>
    private const int MaxCandidates = 1000;

    /// <summary>Above every character in the store's collation (Unicode and CLDR give U+FFFF the highest weight): the end of a prefix range.</summary>
    private const string PrefixEnd = "\uffff";

    [GeneratedRegex(@"^\+?[0-9 ()./-]+$")]
    private static partial Regex PhoneLike();

    public (IReadOnlyList<PersonSummaryView> Persons, bool Truncated) Search(OperatorPrincipal @operator, string? query)
    {
        var text = (query ?? "").Trim();
        if (text.Length is < MinQueryLength or > Validate.MaxEmailLength)
            throw ConnectException.Field("query", $"must be {MinQueryLength} to {Validate.MaxEmailLength} characters");
        if (text.Any(char.IsControl)) throw ConnectException.Field("query", "must not contain control characters");
        return store.Read(r =>
        {
            var (found, truncated) = text.Contains('@') ? ByEmail(r, text.ToLowerInvariant())
                : PhoneLike().IsMatch(text) && Number(text) is { } number ? (r.Find<Person>(p => p.PhoneNumber == number, MaxResults + 1), false)
                : ByNameOrEmailStart(r, text);
            var ordered = found
                .OrderBy(p => MemberKeys.Fold(p.FamilyName), StringComparer.Ordinal)
                .ThenBy(p => MemberKeys.Fold(p.GivenName), StringComparer.Ordinal)
                .ThenBy(p => p.Email, StringComparer.Ordinal)
                .ToList();
            var page = ordered.Take(MaxResults)
                .Select(p => new PersonSummaryView(p, r.Count<Membership>(m => m.PersonId == p.Id)))
                .ToList();
            return ((IReadOnlyList<PersonSummaryView>)page, truncated || ordered.Count > MaxResults);
        });
    }

    /// <summary>An address or its start: the range of the e-mail index from the typed text up, checked exactly (a collation may mix in neighbours).</summary>
    private static (IReadOnlyList<Person>, bool) ByEmail(IStoreReader reader, string start)
    {
        var persons = reader.KeyRange<Person>(p => p.Email, start, start + PrefixEnd, MaxResults + 1, descending: false);
        var exact = reader.FindOne<Person>(p => p.Email == start);
        var matching = persons.Where(p => p.Email.StartsWith(start, StringComparison.Ordinal)).ToList();
        // KeyRange starts strictly after its lower bound: the address typed in full is read on its own.
        if (exact is not null) matching.Insert(0, exact);
        return (matching, persons.Count > MaxResults);
    }

    /// <summary>The E.164 number of a typed mobile number, or null when it is none (the query is then read as a name).</summary>
    private string? Number(string typed)
    {
        try
        {
            return mobileNumbers.Parse("query", typed);
        }
        catch (ConnectException)
        {
            return null;
        }
    }

    /// <summary>Names; a query of one word may also be the start of an address ("jdoe" for jdoe@example.ch).</summary>
    private static (IReadOnlyList<Person>, bool) ByNameOrEmailStart(IStoreReader reader, string text)
    {
        var (byName, truncated) = ByName(reader, text);
        if (text.Any(char.IsWhiteSpace)) return (byName, truncated);
        var (byEmail, emailTruncated) = ByEmail(reader, text.ToLowerInvariant());
        return (byName.Concat(byEmail).DistinctBy(p => p.Id).ToList(), truncated || emailTruncated);
    }

    /// <summary>
    /// The longest word is read as a range of the name-word index (the most selective prefix); the other words are
    /// checked on the persons read.
    /// </summary>
    private static (IReadOnlyList<Person>, bool) ByName(IStoreReader reader, string text)
    {
        var words = MemberKeys.Words(text).Distinct().ToList();
        if (words.Count == 0) return ([], false);
        var longest = words.MaxBy(w => w.Length)!;
        var candidates = reader.AnyKeyRange<Person>(p => p.NameWords, longest, longest + PrefixEnd, MaxCandidates);
        var matching = candidates
            .Where(p => words.All(word => p.NameWords.Any(name => name.StartsWith(word, StringComparison.Ordinal))))
            .ToList();
        return (matching, candidates.Count >= MaxCandidates);
    }
}
