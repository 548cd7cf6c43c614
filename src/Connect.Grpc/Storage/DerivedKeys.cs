using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>The one place the store writes the derived keys of an entity, before each insert and update.</summary>
internal static class DerivedKeys
{
    public static void Refresh<T>(LiteDbTransaction transaction, T entity) where T : Entity
    {
        switch (entity)
        {
            case Membership membership:
                MemberKeys.Refresh(membership, transaction.Get<Person>(membership.PersonId));
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
        }
    }
}
