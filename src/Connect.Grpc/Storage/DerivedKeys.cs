using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>The one place a store writes the derived keys of an entity, before each insert and update, on any engine.</summary>
internal static class DerivedKeys
{
    public static void Refresh<T>(IStoreReader reader, T entity) where T : Entity
    {
        switch (entity)
        {
            case Membership membership:
                MemberKeys.Refresh(membership, reader.Get<Person>(membership.PersonId));
                break;
            case Person person:
                PersonKeys.Refresh(person);
                break;
            case Organization organization:
                OrganizationKeys.Refresh(organization);
                break;
            case AuditEvent auditEvent:
                AuditKeys.Refresh(auditEvent);
                break;
            case Passkey passkey:
                PasskeyKeys.Refresh(passkey);
                break;
        }
    }

    /// <summary>
    /// True when an update of <paramref name="entity"/> (read before it is written) changes what its person's memberships
    /// show in their list keys: the store then writes those memberships again.
    /// </summary>
    public static bool RekeysMemberships<T>(IStoreReader reader, T entity) where T : Entity =>
        entity is Person person && reader.Get<Person>(person.Id) is { } before && MemberKeys.ShowsChange(before, person);

    /// <summary>The answer to an update or delete of an entity that is not stored.</summary>
    public static InvalidOperationException Missing<T>(string id) => new($"{typeof(T).Name} {id} does not exist.");
}
