namespace Connect.Grpc.Domain;

/// <summary>The organisations a person may act for: their active memberships in organisations that are not suspended.</summary>
internal static class ActiveMemberships
{
    public static IReadOnlyList<(Membership Membership, Organization Organization)> Of(IStoreReader reader, string personId) =>
        reader.Find<Membership>(m => m.PersonId == personId)
            .Where(m => m.State == MembershipState.Active)
            .Select(m => (Membership: m, Organization: reader.Get<Organization>(m.OrganizationId)))
            .Where(x => x.Organization is { Suspended: false })
            .Select(x => (x.Membership, x.Organization!))
            .OrderBy(x => x.Item2.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
}
