using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using LiteDB;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>The indexes the LiteDB store keeps: the audit log is read through its derived keys only.</summary>
public sealed class LiteDbIndexTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connect-tests", "indexes-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(_directory, "connect.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AuditEvents_AreIndexedByTheirKeys_AndNotByOrganizationOrTime()
    {
        new LiteDbStore(File).Dispose();
        // A store made before: the two plain indexes that every audit write paid for.
        using (var old = new LiteDatabase(File))
        {
            var events = old.GetCollection(StoreMapping.CollectionName<AuditEvent>());
            events.EnsureIndex("OrganizationId", "$.OrganizationId");
            events.EnsureIndex("Time", "$.Time");
        }
        Assert.Contains("Time", AuditIndexes());

        new LiteDbStore(File).Dispose();

        var indexes = AuditIndexes();
        Assert.DoesNotContain("OrganizationId", indexes);
        Assert.DoesNotContain("Time", indexes);
        Assert.Superset(new HashSet<string> { "TimeKey", "OrganizationKey", "TargetKey", "ActorKey", "ActionKey", "SignInKey" }, indexes);
    }

    private HashSet<string> AuditIndexes()
    {
        using var db = new LiteDatabase(File);
        var collection = StoreMapping.CollectionName<AuditEvent>();
        return [.. db.GetCollection("$indexes").FindAll().Where(i => i["collection"] == collection).Select(i => i["name"].AsString)];
    }
}
