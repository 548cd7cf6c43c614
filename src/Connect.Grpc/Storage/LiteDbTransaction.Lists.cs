using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The lists and searches: the key walks every engine shares are <see cref="KeyListReader"/>'s; here the person searches over
/// LiteDB's e-mail and multikey name-word indexes.
/// </summary>
internal sealed partial class LiteDbTransaction
{
    /// <summary>Above every character in LiteDB's collation (Unicode and CLDR give U+FFFF the highest weight): the end of a prefix range.</summary>
    private const string PrefixEnd = "\uffff";

    /// <summary>The range of the e-mail index from the prefix up, checked exactly (the collation may mix in neighbours).</summary>
    public IReadOnlyList<Person> PersonsByEmailPrefix(string prefix, int limit)
    {
        var persons = KeyRange<Person>(p => p.Email, prefix, prefix + PrefixEnd, limit, descending: false);
        var matching = persons.Where(p => p.Email.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        // KeyRange starts strictly after its lower bound: the address typed in full is read on its own.
        if (PersonByEmail(prefix) is { } exact) matching.Insert(0, exact);
        return matching.Take(limit).ToList();
    }

    /// <summary>
    /// The longest word is read as a range of the name-word index (the most selective prefix); the other words are
    /// checked on the persons read.
    /// </summary>
    public (IReadOnlyList<Person> Persons, bool Complete) PersonsByNameWords(IReadOnlyList<string> words, int maxRead)
    {
        if (words.Count == 0) return ([], true);
        var longest = words.MaxBy(w => w.Length)!;
        var candidates = AnyKeyRange<Person>(p => p.NameWords, longest, longest + PrefixEnd, maxRead);
        var matching = candidates
            .Where(p => words.All(word => p.NameWords.Any(name => name.StartsWith(word, StringComparison.Ordinal))))
            .ToList();
        return (matching, candidates.Count < maxRead);
    }
}
