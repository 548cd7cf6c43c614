namespace Connect.Grpc.Domain;

/// <summary>The organisations a person may act for: their active memberships in organisations that are not suspended.</summary>
internal static class ActiveMemberships
{
    public static IReadOnlyList<(Membership Membership, Organization Organization)> Of(IStoreReader reader, string personId) =>
        reader.MembershipsOfPerson(personId)
            .Where(m => m.State == MembershipState.Active)
            .Select(m => (Membership: m, Organization: reader.Get<Organization>(m.OrganizationId)))
            .Where(x => x.Organization is { Suspended: false })
            .Select(x => (x.Membership, x.Organization!))
            .OrderBy(x => x.Item2.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    /// <summary>True when the person has active memberships and every one is in a suspended organisation.</summary>
    public static bool OnlySuspended(IStoreReader reader, string personId) => OnlySuspended(ActiveOrganizations(reader, personId));

    /// <summary>The organisations of the person's active memberships, suspended or not: one read for both questions of a sign-in.</summary>
    public static IReadOnlyList<Organization> ActiveOrganizations(IStoreReader reader, string personId) =>
        reader.MembershipsOfPerson(personId)
            .Where(m => m.State == MembershipState.Active)
            .Select(m => reader.Get<Organization>(m.OrganizationId))
            .OfType<Organization>()
            .ToList();

    public static bool OnlySuspended(IReadOnlyList<Organization> organizations) => organizations.Count > 0 && organizations.All(o => o.Suspended);

    /// <summary>Whether any of <paramref name="organizations"/> (from <see cref="ActiveOrganizations"/>) may be acted for.</summary>
    public static bool AnyUsable(IReadOnlyList<Organization> organizations) => organizations.Any(o => !o.Suspended);
}
