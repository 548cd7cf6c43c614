using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>The lists and searches: the key walks every engine shares are <see cref="KeyListReader"/>'s; here the person searches.</summary>
internal sealed partial class PostgresTransaction
{
    /// <summary>
    /// A range of the e-mail index: in the "C" collation the addresses that start with a prefix are exactly those from
    /// the prefix up to the prefix followed by the highest character.
    /// </summary>
    public IReadOnlyList<Person> PersonsByEmailPrefix(string prefix, int limit) =>
        Many<Person>("SELECT doc FROM persons WHERE email >= $1 AND email < $2 ORDER BY email LIMIT $3", prefix, prefix + char.MaxValue, limit)
            .Where(p => p.Email.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The longest word is read as a range of the name-word table (the most selective prefix); the other words are
    /// checked on the persons read.
    /// </summary>
    public (IReadOnlyList<Person> Persons, bool Complete) PersonsByNameWords(IReadOnlyList<string> words, int maxRead)
    {
        if (words.Count == 0) return ([], true);
        var longest = words.MaxBy(w => w.Length)!;
        var candidates = Many<Person>(
            $"SELECT p.doc FROM persons p JOIN (SELECT DISTINCT person_id FROM (SELECT person_id FROM {PostgresTables.NameWords} " +
            "WHERE word >= $1 AND word < $2 ORDER BY word LIMIT $3) r) w ON w.person_id = p.id",
            longest, longest + char.MaxValue, maxRead);
        var matching = candidates
            .Where(p => words.All(word => p.NameWords.Any(name => name.StartsWith(word, StringComparison.Ordinal))))
            .ToList();
        return (matching, candidates.Count < maxRead);
    }
}
