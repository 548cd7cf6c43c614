using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using LiteDB;

namespace Connect.Grpc.Tests.Storage;

/// <summary>LiteDB's own part: documents without derived keys, or with keys of an older layout, get them when the store opens.</summary>
public sealed class LiteDbKeyBackfillTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connect-tests", "backfill-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(_directory, "connect.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void KeysMissingOrOfAnOlderLayout_AreWrittenWhenTheStoreOpens(bool olderLayout)
    {
        Organization organization;
        Person person;
        AuditEvent auditEvent;
        using (var store = new LiteDbStore(File, flushToDisk: false))
        {
            organization = new Organization { DisplayName = "Bäckerei Müller", AffiliateNumber = "100.200" };
            person = new Person { Email = "lea@example.ch", GivenName = "Lea", FamilyName = "Lüthi" };
            auditEvent = new AuditEvent { Action = "membership.created", Time = Now, TargetId = Ids.New() };
            store.Write(w =>
            {
                w.Insert(organization);
                w.Insert(person);
                w.Insert(new Membership(MembershipState.Active) { OrganizationId = organization.Id, PersonId = person.Id });
                w.Insert(auditEvent);
                return 0;
            });
        }
        StoreFile.Edit(_directory, db =>
        {
            // A bulk load leaves keys empty; an older layout leaves keys the current code cannot read.
            var stale = olderLayout ? new BsonValue("an older layout") : BsonValue.Null;
            db.Change("organizations", o => Set(o, "ListKey", stale));
            db.Change("memberships", m => Set(m, "ListKey", stale));
            db.Change("audit", e => Set(e, "TimeKey", stale) | Set(e, "ActionKey", stale));
            if (olderLayout)
            {
                db.Change("persons", p => Set(p, "NameWords", new BsonArray()));
                db.KeysVersion("1");
            }
        });

        using var reopened = new LiteDbStore(File, flushToDisk: false);

        var all = new HashSet<MembershipState>(Enum.GetValues<MembershipState>());
        Assert.Single(reopened.Read(r => r.MemberPage(organization.Id, new MemberQuery(all, ["luthi"]), null, 10)).Items);
        Assert.Single(reopened.Read(r => r.OrganizationPage(OrganizationQuery.Parse("muller"), null, null, 10)).Items);
        Assert.Single(reopened.Read(r => r.AuditEvents(AuditFilter.Create(null, null, "membership.*", null, null), null, 10, 100)).Events);
        Assert.Single(reopened.Read(r => r.PersonsByNameWords(["luthi"], 10)).Persons);
    }

    private static bool Set(BsonDocument document, string field, BsonValue value)
    {
        document[field] = value;
        return true;
    }
}
