using Connect.Grpc.Domain;
using Connect.Grpc.Storage;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// Group commit: concurrent writers share an fsync of the log, and none returns before it (decision 0036). Writers
/// that queue are committed together: <see cref="LiteDbQueuedWriteTests"/>.
/// </summary>
public sealed class LiteDbGroupCommitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connect-tests", "group-commit-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(_directory, "connect.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ConcurrentWriters_ShareOneFsync_AndNoneReturnsBeforeIt()
    {
        const int writers = 32;
        using var store = new LiteDbStore(File);
        var (commits, fsyncs) = (store.Commits, store.Fsyncs);
        var organizations = Enumerable.Range(0, writers)
            .Select(i => new Organization { DisplayName = $"Organisation {i}", AffiliateNumber = $"100.{i}" }).ToList();
        List<Task> writes;
        using (store.HoldFsyncs())
        {
            // A thread each: 32 writers blocked on pool threads would wait for the pool to grow.
            writes = [.. organizations.Select(o => Task.Factory.StartNew(() => Insert(store, o), TaskCreationOptions.LongRunning))];
            Assert.True(SpinWait.SpinUntil(() => store.Commits == commits + writers, TimeSpan.FromSeconds(30)),
                $"{store.Commits - commits} of {writers} writers committed.");
            Assert.DoesNotContain(writes, w => w.IsCompleted);
            Assert.Equal(fsyncs, store.Fsyncs);
        }
        await Task.WhenAll(writes);

        Assert.Equal(fsyncs + 1, store.Fsyncs);
        Assert.All(organizations, o => Assert.NotNull(store.Read(r => r.Get<Organization>(o.Id))));
    }

    [Fact]
    public void LoneWriter_GetsAnFsyncPerWrite()
    {
        using var store = new LiteDbStore(File);
        var fsyncs = store.Fsyncs;

        for (var i = 0; i < 5; i++) Insert(store, new Organization { DisplayName = $"Organisation {i}", AffiliateNumber = $"100.{i}" });

        Assert.Equal(fsyncs + 5, store.Fsyncs);
    }

    [Fact]
    public void WithoutFlushToDisk_WritesNeverFsync()
    {
        using var store = new LiteDbStore(File, flushToDisk: false);

        for (var i = 0; i < 5; i++) Insert(store, new Organization { DisplayName = $"Organisation {i}", AffiliateNumber = $"100.{i}" });

        Assert.Equal(0, store.Fsyncs);
        Assert.Equal(5, store.Read(r => r.Scan<Organization>(null, 10)).Count);
    }

    private static int Insert(LiteDbStore store, Organization organization) => store.Write(w =>
    {
        w.Insert(organization);
        return 0;
    });
}
