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
        [typeof(Application)] = "applications",
        [typeof(ApplicationToken)] = "application_tokens",
        [typeof(Passkey)] = "passkeys",
    };

    public static string CollectionName<T>() => Names.TryGetValue(typeof(T), out var name)
        ? name
        : throw new InvalidOperationException($"{typeof(T).Name} has no collection.");

    /// <summary>
    /// Connect's own mapper, never LiteDB's global one. One per process: a mapper compiles a getter and a setter for
    /// every property of every entity on first use, which cost each new store (a test's server) a fifth of a second.
    /// </summary>
    public static BsonMapper Mapper { get; } = CreateMapper();

    private static BsonMapper CreateMapper()
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
        // LiteDB publishes an entity's mapping before it has filled in the members, so a store that first meets a type
        // while another thread is mapping it would find no members: map every stored type here, once, on one thread.
        foreach (var type in Names.Keys) mapper.ToDocument(type, Activator.CreateInstance(type)!);
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
        Ensure<Application>(db, x => x.ClientId, unique: true);
        Ensure<Application>(db, x => x.Owner);
        Ensure<Application>(db, x => x.ActiveOwner);
        Ensure<ApplicationToken>(db, x => x.TokenHash, unique: true);
        Ensure<ApplicationToken>(db, x => x.ApplicationId);
        Ensure<Session>(db, x => x.PersonId);
        Ensure<Session>(db, x => x.OrganizationId);
        Ensure<SignIn>(db, x => x.TokenHash, unique: true);
        Ensure<AuditEvent>(db, x => x.OrganizationKey);
        Ensure<AuditEvent>(db, x => x.TargetKey);
        Ensure<OutboxMessage>(db, x => x.DueAt);
        Ensure<OutboxMessage>(db, x => x.WaitingChannel);
        Ensure<Person>(db, x => x.PhoneNumber);
        Ensure<Passkey>(db, x => x.CredentialKey, unique: true);
        Ensure<Passkey>(db, x => x.PersonId);
        EnsureMultikey<Person>(db, x => x.NameWords);
        Ensure<AuditEvent>(db, x => x.TimeKey);
        Ensure<AuditEvent>(db, x => x.ActorKey);
        Ensure<AuditEvent>(db, x => x.ActionKey);
        Ensure<AuditEvent>(db, x => x.SignInKey);
        // The audit log is read through its derived keys alone; these two indexes only cost every write a node each.
        Drop<AuditEvent>(db, nameof(AuditEvent.OrganizationId), nameof(AuditEvent.Time));
    }

    /// <summary>Indexes that no question reads any more, dropped from stores made before (a no-op once gone).</summary>
    private static void Drop<T>(LiteDatabase db, params string[] names) where T : Entity
    {
        var collection = db.GetCollection<T>(CollectionName<T>());
        foreach (var name in names) collection.DropIndex(name);
    }

    /// <summary>
    /// An index over every element of a list field. Written out as <c>$.Field[*]</c>: through an object-typed selector
    /// LiteDB would index the list as one value, and a range read would become a scan.
    /// </summary>
    private static void EnsureMultikey<T>(LiteDatabase db, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>>> keys) where T : Entity
    {
        var source = db.Mapper.GetExpression(keys).Source;
        db.GetCollection<T>(CollectionName<T>()).EnsureIndex(source[2..], BsonExpression.Create(source + "[*]"));
    }

    private static void Ensure<T>(LiteDatabase db, System.Linq.Expressions.Expression<Func<T, object?>> key, bool unique = false) where T : Entity =>
        db.GetCollection<T>(CollectionName<T>()).EnsureIndex(key, unique);
}
