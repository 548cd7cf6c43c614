namespace Connect.Grpc.Domain;

/// <summary>
/// The derived search key of a person: the folded words of the given and family names, kept in a multikey index so
/// that support finds "Müller" by "mul" with a range read. Written wherever a name is set, and again at start-up when
/// the key layout changes (<see cref="MemberKeys.Backfill"/>).
/// </summary>
internal static class PersonKeys
{
    public static void Refresh(Person person) => person.NameWords = MemberKeys.Words($"{person.GivenName} {person.FamilyName}").Distinct().ToList();
}
