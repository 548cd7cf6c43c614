using System.Text;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// Every table of the PostgreSQL store and the index behind each question of the port (the LiteDB store's indexes are
/// in <see cref="StoreMapping"/>). Key columns hold the derived keys of <c>Storage/Keys</c> in the "C" collation, so that
/// their order, and therefore page tokens, are the same as in LiteDB.
/// </summary>
internal static class PostgresTables
{
    /// <summary>The words of each person's names, one row each, for the prefix search that LiteDB answers from a multikey index.</summary>
    public const string NameWords = "person_name_words";

    /// <summary>The address throttle's counters, one row per door and client address (<see cref="PostgresAttemptCounter"/>).</summary>
    public const string AttemptCounters = "attempt_counters";

    public static IReadOnlyList<PostgresTable> All { get; } =
    [
        new PostgresTable(typeof(Organization), StoreMapping.CollectionName<Organization>())
            .Key((Organization o) => o.AffiliateNumber, unique: true)
            .Key((Organization o) => o.ListKey),
        new PostgresTable(typeof(Topic), StoreMapping.CollectionName<Topic>()),
        new PostgresTable(typeof(Invitation), StoreMapping.CollectionName<Invitation>())
            .Key((Invitation i) => i.CodeHash, unique: true)
            .Key((Invitation i) => i.OrganizationId, index: false).Index("organization_id", "id"),
        new PostgresTable(typeof(Person), StoreMapping.CollectionName<Person>())
            .Key((Person p) => p.Email, unique: true)
            .Key((Person p) => p.ActivationCodeHash)
            .Key((Person p) => p.PhoneNumber),
        new PostgresTable(typeof(Membership), StoreMapping.CollectionName<Membership>())
            // One membership per person and organisation, whichever replica writes it.
            .Key((Membership m) => m.PersonId, index: false)
            .Key((Membership m) => m.OrganizationId, index: false).Unique("person_id", "organization_id")
            .Key((Membership m) => m.ListKey)
            .Key((Membership m) => m.ActiveAdministratorOf),
        new PostgresTable(typeof(Registration), StoreMapping.CollectionName<Registration>())
            .Key((Registration r) => r.TokenHash, unique: true)
            .Key((Registration r) => r.LinkTokenHash),
        new PostgresTable(typeof(Challenge), StoreMapping.CollectionName<Challenge>())
            .Key((Challenge c) => c.SubjectId, index: false)
            .Key((Challenge c) => c.Destination, index: false)
            .Key((Challenge c) => c.CreatedAt, index: false)
            .Index("subject_id", "created_at").Index("destination", "created_at"),
        new PostgresTable(typeof(Session), StoreMapping.CollectionName<Session>())
            .Key((Session s) => s.TokenHash, unique: true)
            .Key((Session s) => s.PersonId, index: false)
            .Key((Session s) => s.OrganizationId, index: false)
            .Key((Session s) => s.ExpiresAt, index: false)
            .Key((Session s) => s.RevokedAt, index: false)
            .Index("person_id", "expires_at").Index("organization_id", "expires_at"),
        new PostgresTable(typeof(SignIn), StoreMapping.CollectionName<SignIn>())
            .Key((SignIn s) => s.TokenHash, unique: true),
        new PostgresTable(typeof(SignInLock), StoreMapping.CollectionName<SignInLock>()),
        new PostgresTable(typeof(AuditEvent), StoreMapping.CollectionName<AuditEvent>())
            .Key((AuditEvent e) => e.TimeKey)
            .Key((AuditEvent e) => e.OrganizationKey)
            .Key((AuditEvent e) => e.ActorKey)
            .Key((AuditEvent e) => e.TargetKey)
            .Key((AuditEvent e) => e.ActionKey)
            .Key((AuditEvent e) => e.SignInKey),
        new PostgresTable(typeof(OutboxMessage), StoreMapping.CollectionName<OutboxMessage>())
            .Key((OutboxMessage m) => m.DueAt)
            .Key((OutboxMessage m) => m.WaitingChannel),
        new PostgresTable(typeof(SystemSetting), StoreMapping.CollectionName<SystemSetting>()),
        new PostgresTable(typeof(Application), StoreMapping.CollectionName<Application>())
            .Key((Application a) => a.ClientId, unique: true)
            .Key((Application a) => a.Owner)
            .Key((Application a) => a.ActiveOwner),
        new PostgresTable(typeof(ApplicationToken), StoreMapping.CollectionName<ApplicationToken>())
            .Key((ApplicationToken t) => t.TokenHash, unique: true)
            .Key((ApplicationToken t) => t.ApplicationId, index: false)
            .Key((ApplicationToken t) => t.ExpiresAt, index: false)
            .Index("application_id", "expires_at"),
        new PostgresTable(typeof(Passkey), StoreMapping.CollectionName<Passkey>())
            .Key((Passkey p) => p.CredentialKey, unique: true)
            .Key((Passkey p) => p.PersonId, index: false).Index("person_id", "id"),
    ];

    private static readonly Dictionary<Type, PostgresTable> ByType = All.ToDictionary(t => t.EntityType);

    public static PostgresTable Of<T>() where T : Entity => ByType[typeof(T)];

    /// <summary><c>ListKey</c> → <c>list_key</c>.</summary>
    public static string ColumnName(string member)
    {
        var name = new StringBuilder(member.Length + 4);
        foreach (var c in member)
        {
            if (char.IsUpper(c) && name.Length > 0) name.Append('_');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}
