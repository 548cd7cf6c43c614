using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// A fund's LiteDB file with some of everything (more persons, memberships and audit events than one batch of the copy),
/// copied once into a fresh PostgreSQL database for the whole test class.
/// </summary>
public sealed class CopiedFund : IDisposable
{
    public const int Members = 520;
    public const int Events = 1100;
    public static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    public CopiedFund()
    {
        Directory.CreateDirectory(DataDirectory);
        using (var source = new LiteDbStore(DatabaseFile, flushToDisk: false)) source.Write(Fill);
        TargetConnectionString = PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult();
        using var again = new LiteDbStore(DatabaseFile, flushToDisk: false);
        Report = StoreCopy.Run(again, TargetConnectionString);
        Target = new PostgresStore(TargetConnectionString);
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "connect-tests", "copy-" + Guid.NewGuid().ToString("N"));
    public string DatabaseFile => Path.Combine(DataDirectory, "connect.db");
    public string TargetConnectionString { get; }
    internal IReadOnlyList<CopiedTable> Report { get; }

    /// <summary>The copy, open for the tests' reads.</summary>
    public PostgresStore Target { get; }

    public Organization Alpha { get; } = new() { DisplayName = "Bäckerei Müller", AffiliateNumber = "100.200", CreatedAt = Now, UpdatedAt = Now };
    public Organization Beta { get; } = new() { DisplayName = "Zimmerei Aebi", AffiliateNumber = "100.300", CreatedAt = Now, UpdatedAt = Now };
    public Person Anna { get; } = NewPerson("anna@example.ch", "Anna", "Aebi");
    public Person Hans { get; } = NewPerson("hans@example.ch", "Hans", "Müller");
    public Person Zoe { get; } = NewPerson("zoe@example.ch", "Zoë", "Zürcher");

    private static Person NewPerson(string email, string given, string family) => new()
    {
        Email = email, GivenName = given, FamilyName = family, PhoneNumber = "+41791234567", CreatedAt = Now, UpdatedAt = Now,
        PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", AuthenticatorSecret = "k1:sealed-secret", RecoveryCodeHashes = ["r1", "r2"],
    };

    private int Fill(IStoreWriter w)
    {
        foreach (var topic in DefaultTopics.Create()) w.Insert(topic);
        var fund = new Organization { DisplayName = "Fund", AffiliateNumber = "000.000", Fund = true, CreatedAt = Now, UpdatedAt = Now };
        w.Insert(fund);
        Beta.Suspend(Now);
        w.Insert(Alpha);
        w.Insert(Beta);
        w.Insert(Anna);
        w.Insert(Hans);
        w.Insert(Zoe);
        w.Insert(new Membership(MembershipState.Active) { PersonId = Anna.Id, OrganizationId = Alpha.Id, Administrator = true, CreatedAt = Now, UpdatedAt = Now });
        var deactivated = new Membership(MembershipState.Active) { PersonId = Hans.Id, OrganizationId = Alpha.Id, Administrator = true, CreatedAt = Now, UpdatedAt = Now };
        deactivated.Deactivate();
        w.Insert(deactivated);
        w.Insert(new Membership(MembershipState.PendingPhone) { PersonId = Zoe.Id, OrganizationId = Alpha.Id, PendingPhoneNumber = Zoe.PhoneNumber, CreatedAt = Now, UpdatedAt = Now });
        w.Insert(new Membership(MembershipState.Active) { PersonId = Anna.Id, OrganizationId = Beta.Id, CreatedAt = Now, UpdatedAt = Now });
        for (var i = 0; i < Members; i++)
        {
            var person = NewPerson($"member{i}@example.ch", $"Given{i}", $"Family{i}");
            w.Insert(person);
            w.Insert(new Membership(MembershipState.Active) { PersonId = person.Id, OrganizationId = Alpha.Id, CreatedAt = Now, UpdatedAt = Now });
        }
        w.Insert(new Invitation { OrganizationId = Alpha.Id, Delivery = InvitationDelivery.Email, Email = "new@example.ch", CodeHash = "invitation-hash", CreatedAt = Now, ExpiresAt = Now.AddDays(14) });
        w.Insert(new Domain.Registration { TokenHash = "registration-hash", LinkTokenHash = "link-hash", OrganizationId = Alpha.Id });
        w.Insert(new Challenge { SubjectId = Anna.Id, Destination = Anna.PhoneNumber, CodeHash = "challenge-hash", CreatedAt = Now, ExpiresAt = Now.AddMinutes(10) });
        w.Insert(new Session { TokenHash = "session-hash", PersonId = Anna.Id, OrganizationId = Alpha.Id, CreatedAt = Now, ExpiresAt = Now.AddHours(8) });
        w.Insert(new Domain.SignIn { TokenHash = "sign-in-hash", PersonId = Anna.Id, Email = Anna.Email, CreatedAt = Now, ExpiresAt = Now.AddMinutes(10) });
        w.Insert(new SignInLock { Failures = 3, LastFailureAt = Now });
        for (var i = 0; i < Events; i++)
        {
            w.Insert(new AuditEvent
            {
                Action = i % 2 == 0 ? "membership.created" : "person.profile_changed", Time = Now.AddSeconds(i), ActorPersonId = Anna.Id,
                OrganizationId = i % 3 == 0 ? Beta.Id : Alpha.Id, TargetType = "membership", TargetId = Ids.New(),
                Details = new() { ["zeta"] = "last", ["alpha"] = "first", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }
        w.Insert(new OutboxMessage { Channel = MessageChannel.Email, To = Anna.Email, Subject = "Welcome", Body = "…", CreatedAt = Now, DueAt = Now });
        w.Insert(new OutboxMessage { Channel = MessageChannel.Sms, To = Anna.PhoneNumber, Body = "…", CreatedAt = Now, DueAt = Now.AddMinutes(1), LeasedBy = "replica-a", Attempts = 1 });
        w.Insert(new OutboxMessage { Channel = MessageChannel.Email, To = Hans.Email, Body = "…", CreatedAt = Now, SentAt = Now });
        w.Insert(new SystemSetting { Id = Organizations.FundOrganizationSetting, Value = fund.Id });
        var application = new Application { ClientId = "partner-one", DisplayName = "Partner", Kind = ApplicationKind.Partner, Owner = Alpha.Id, CreatedAt = Now,
            Secrets = [new ApplicationSecret { Hash = "secret-hash", Hint = "ab12", CreatedAt = Now, ExpiresAt = Now.AddDays(90) }] };
        w.Insert(application);
        w.Insert(new Application { ClientId = "internal-one", Kind = ApplicationKind.Internal, Owner = Application.InternalOwner, CreatedAt = Now, RevokedAt = Now });
        w.Insert(new ApplicationToken { TokenHash = "token-hash", ApplicationId = application.Id, SecretId = application.Secrets[0].Id, CreatedAt = Now, ExpiresAt = Now.AddHours(1) });
        w.Insert(new Passkey { PersonId = Anna.Id, CredentialId = "Y3JlZGVudGlhbA", PublicKey = [1, 2, 3], SignCount = 4, Name = "Bureau", CreatedAt = Now });
        return 0;
    }

    public void Dispose()
    {
        Target.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
