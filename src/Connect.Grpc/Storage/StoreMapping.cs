using Connect.Grpc.Domain;
using LiteDB;

namespace Connect.Grpc.Storage;

/// <summary>Collection names, the mapper and the indexes: every lookup key of the flows is indexed here.</summary>
internal static class StoreMapping
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Organization)] = "organizations",
        [typeof(Topic)] = "topics",
        [typeof(Invitation)] = "invitations",
        [typeof(Person)] = "persons",
        [typeof(Membership)] = "memberships",
        [typeof(Registration)] = "registrations",
        [typeof(Challenge)] = "challenges",
        [typeof(Session)] = "sessions",
        [typeof(SignIn)] = "sign_ins",
        [typeof(SignInLock)] = "sign_in_locks",
        [typeof(AuditEvent)] = "audit",
        [typeof(OutboxMessage)] = "outbox",
        [typeof(SystemSetting)] = "settings",
    };

    public static string CollectionName<T>() => Names.TryGetValue(typeof(T), out var name)
        ? name
        : throw new InvalidOperationException($"{typeof(T).Name} has no collection.");

    /// <summary>Connect's own mapper, never LiteDB's global one.</summary>
    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper
        {
            EnumAsInteger = false,
            SerializeNullValues = false,
            TrimWhitespace = false,
            EmptyStringToNull = false,
        };
        // LiteDB 5 hands dates back in local time; Connect works in UTC only.
        mapper.RegisterType<DateTime>(
            value => new BsonValue(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime()),
            bson => bson.AsDateTime.ToUniversalTime());
        return mapper;
    }

    public static void EnsureIndexes(LiteDatabase db)
    {
        Ensure<Organization>(db, x => x.AffiliateNumber, unique: true);
        Ensure<Organization>(db, x => x.ListKey);
        Ensure<Invitation>(db, x => x.CodeHash, unique: true);
        Ensure<Invitation>(db, x => x.OrganizationId);
        Ensure<Person>(db, x => x.Email, unique: true);
        Ensure<Membership>(db, x => x.PersonId);
        Ensure<Membership>(db, x => x.OrganizationId);
        Ensure<Membership>(db, x => x.ListKey);
        Ensure<Membership>(db, x => x.ActiveAdministratorOf);
        Ensure<Person>(db, x => x.ActivationCodeHash);
        Ensure<Registration>(db, x => x.TokenHash, unique: true);
        Ensure<Registration>(db, x => x.LinkTokenHash);
        Ensure<Challenge>(db, x => x.SubjectId);
        Ensure<Challenge>(db, x => x.Destination);
        Ensure<Session>(db, x => x.TokenHash, unique: true);
        Ensure<Session>(db, x => x.PersonId);
        Ensure<Session>(db, x => x.OrganizationId);
        Ensure<SignIn>(db, x => x.TokenHash, unique: true);
        Ensure<AuditEvent>(db, x => x.OrganizationId);
        Ensure<AuditEvent>(db, x => x.Time);
        Ensure<AuditEvent>(db, x => x.OrganizationKey);
        Ensure<AuditEvent>(db, x => x.TargetKey);
        Ensure<OutboxMessage>(db, x => x.DueAt);
    }

    private static void Ensure<T>(LiteDatabase db, System.Linq.Expressions.Expression<Func<T, object?>> key, bool unique = false) where T : Entity =>
        db.GetCollection<T>(CollectionName<T>()).EnsureIndex(key, unique);
}
