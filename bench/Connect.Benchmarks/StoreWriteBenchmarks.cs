using BenchmarkDotNet.Attributes;
using Connect.Grpc.Domain;
using Connect.Grpc.Storage;

namespace Connect.Benchmarks;

/// <summary>
/// Durable writes through the LiteDB store itself, without gRPC or the server: one organisation inserted per write,
/// alone or with its audit event as <c>CreateOrganization</c> writes it, from one writer or from 32 at once, each on a
/// thread of its own. What the fsync costs and what group commit
/// (decision 0036) shares, apart from the CPU a call through the server needs; without the fsync, the rate of the
/// commits alone, which take turns.
/// </summary>
public class StoreWriteBenchmarks
{
    private const int Writes = 1024;

    private string _directory = "";
    private LiteDbStore _store = null!;
    private int _written;

    [Params(1, 32)]
    public int Writers { get; set; }

    [Params(true, false)]
    public bool FlushToDisk { get; set; }

    /// <summary>With an audit event, whose six derived keys are indexed: most of a real write's pages.</summary>
    [Params(false, true)]
    public bool Audited { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "connect-benchmarks-data", Guid.NewGuid().ToString("N"));
        _store = new LiteDbStore(Path.Combine(_directory, "connect.db"), FlushToDisk);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Writes)]
    public void Write()
    {
        var left = Writes;
        var writers = Enumerable.Range(0, Writers).Select(_ => new Thread(() =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var number = Interlocked.Increment(ref _written);
                var organization = new Organization { DisplayName = $"Bench {number}", AffiliateNumber = $"BENCH.{number}" };
                _store.Write(w =>
                {
                    w.Insert(organization);
                    if (Audited) w.Insert(AuditOf(organization));
                    return 0;
                });
            }
        })).ToList();
        writers.ForEach(w => w.Start());
        writers.ForEach(w => w.Join());
    }

    private static AuditEvent AuditOf(Organization organization) => new()
    {
        Action = AuditActions.OrganizationCreated, Time = DateTime.UtcNow, ActorPersonId = "bench-operator", OrganizationId = organization.Id,
        TargetType = "organization", TargetId = organization.Id,
        Details = new() { ["display_name"] = organization.DisplayName, ["affiliate_number"] = organization.AffiliateNumber },
    };
}
