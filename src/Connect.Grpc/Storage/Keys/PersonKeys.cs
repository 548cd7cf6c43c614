using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The derived search key of a person: the folded words of the given and family names, kept in a multikey index so
/// that support finds "Müller" by "mul" with a range read. Written by the store on every write of a person, and again at start-up when
/// the key layout changes (<see cref="KeyBackfill"/>).
/// </summary>
internal static class PersonKeys
{
    public static void Refresh(Person person) => person.NameWords = SearchText.Words($"{person.GivenName} {person.FamilyName}").Distinct().ToList();
}
