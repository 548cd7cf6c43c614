using System.Text.RegularExpressions;

namespace Connect.Grpc.Domain;

/// <summary>A person as support's search lists them.</summary>
internal sealed record PersonSummaryView(Person Person, int MembershipCount);

/// <summary>
/// Support's search for a person, by what a caller on the phone can tell: an e-mail address or its start, a mobile
/// number in any format libphonenumber reads (exact), or name words that each start a word of the given or family name,
/// in any case and with or without accents. Every read is indexed and bounded; at most 50 persons are answered.
/// </summary>
internal sealed partial class PersonSearch(IStore store, MobileNumbers mobileNumbers)
{
    public const int MinQueryLength = 2;
    public const int MaxResults = 50;

    /// <summary>Persons read at most for a name search; a query matching more answers the first ones and "truncated".</summary>
    private const int MaxCandidates = 1000;

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
                : PhoneLike().IsMatch(text) && Number(text) is { } number ? (r.PersonsByPhoneNumber(number, MaxResults + 1), false)
                : ByNameOrEmailStart(r, text);
            var ordered = found
                .OrderBy(p => SearchText.Fold(p.FamilyName), StringComparer.Ordinal)
                .ThenBy(p => SearchText.Fold(p.GivenName), StringComparer.Ordinal)
                .ThenBy(p => p.Email, StringComparer.Ordinal)
                .ToList();
            var page = ordered.Take(MaxResults)
                .Select(p => new PersonSummaryView(p, r.MembershipsOfPerson(p.Id).Count))
                .ToList();
            return ((IReadOnlyList<PersonSummaryView>)page, truncated || ordered.Count > MaxResults);
        });
    }

    /// <summary>An address or its start.</summary>
    private static (IReadOnlyList<Person>, bool) ByEmail(IStoreReader reader, string start)
    {
        var persons = reader.PersonsByEmailPrefix(start, MaxResults + 1);
        return (persons, persons.Count > MaxResults);
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

    /// <summary>Persons of whom each word starts a given or family name's word; the store looks at a bounded number.</summary>
    private static (IReadOnlyList<Person>, bool) ByName(IStoreReader reader, string text)
    {
        var words = SearchText.Words(text).Distinct().ToList();
        if (words.Count == 0) return ([], false);
        var (persons, complete) = reader.PersonsByNameWords(words, MaxCandidates);
        return (persons, !complete);
    }
}
