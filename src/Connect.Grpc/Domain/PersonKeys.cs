namespace Connect.Grpc.Domain;

/// <summary>
/// The derived search key of a person: the folded words of the given and family names, kept in a multikey index so
/// that support finds "Müller" by "mul" with a range read. Written wherever a name is set, and again at start-up when
/// the key layout changes (<see cref="MemberKeys.Backfill"/>).
/// </summary>
internal static class PersonKeys
{
    public static void Refresh(Person person) => person.NameWords = Words($"{person.GivenName} {person.FamilyName}").Distinct().ToList();

    /// <summary>The folded words of a text, split at everything but letters and digits: "Jean-Marc Müller" gives jean, marc, muller.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        var folded = MemberKeys.Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
