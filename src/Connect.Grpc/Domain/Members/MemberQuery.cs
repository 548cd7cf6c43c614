namespace Connect.Grpc.Domain;

/// <summary>What a member list asks for: the states shown, and words (folded by <see cref="SearchText"/>) that must each appear in the names or address shown.</summary>
public sealed record MemberQuery(IReadOnlySet<MembershipState> States, IReadOnlyList<string> Words);
