using Connect.Grpc.Domain;
using Connect.Grpc.Storage;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// Group commit: concurrent writers share an fsync of the log, and none returns before it (decision 0036); writers that
/// queue while another commits are committed together in one transaction, each as if alone (decision 0038).
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

    [Fact]
    public async Task QueuedWriters_CommitInOneTransaction()
    {
        const int writers = 32;
        using var store = new LiteDbStore(File);
        var (commits, transactions) = (store.Commits, store.Transactions);
        var organizations = NewOrganizations(writers);
        List<Task<int>> writes;
        using (store.HoldCommits())
        {
            writes = [.. organizations.Select(o => Task.Factory.StartNew(() => Insert(store, o), TaskCreationOptions.LongRunning))];
            Assert.True(SpinWait.SpinUntil(() => store.Pending == writers, TimeSpan.FromSeconds(30)), $"{store.Pending} of {writers} writers queued.");
            Assert.Equal(commits, store.Commits);
        }
        await Task.WhenAll(writes);

        Assert.Equal(transactions + 1, store.Transactions);
        Assert.Equal(commits + writers, store.Commits);
        Assert.All(organizations, o => Assert.NotNull(store.Read(r => r.Get<Organization>(o.Id))));
    }

    [Fact]
    public async Task AWriterThatThrows_LosesOnlyItsOwnWrite()
    {
        using var store = new LiteDbStore(File);
        var organizations = NewOrganizations(5);
        var refused = new InvalidOperationException("refused");
        List<Task<int>> writes;
        using (store.HoldCommits())
        {
            writes = [.. organizations.Select((o, i) => Task.Factory.StartNew(() => store.Write(w =>
            {
                w.Insert(o);
                return i == 2 ? throw refused : i;
            }), TaskCreationOptions.LongRunning))];
            Assert.True(SpinWait.SpinUntil(() => store.Pending == organizations.Count, TimeSpan.FromSeconds(30)));
        }

        Assert.Same(refused, await Assert.ThrowsAsync<InvalidOperationException>(() => writes[2]));
        var others = await Task.WhenAll(writes.Where((_, i) => i != 2));
        Assert.Equal(new[] { 0, 1, 3, 4 }, others);
        Assert.Null(store.Read(r => r.Get<Organization>(organizations[2].Id)));
        Assert.All(organizations.Where((_, i) => i != 2), o => Assert.NotNull(store.Read(r => r.Get<Organization>(o.Id))));
    }

    [Fact]
    public async Task QueuedWriters_SeeTheWritesBeforeThem_AndRunInTheirOwnContext()
    {
        using var store = new LiteDbStore(File);
        var organization = NewOrganizations(1)[0];
        var caller = new AsyncLocal<string>();
        var transactions = store.Transactions;
        Task<string> insert, read;
        using (store.HoldCommits())
        {
            // Whichever of the two runs the transaction, each write must see its own caller's context.
            insert = Task.Factory.StartNew(() =>
            {
                caller.Value = "inserter";
                return store.Write(w =>
                {
                    w.Insert(organization);
                    return caller.Value ?? "";
                });
            }, TaskCreationOptions.LongRunning);
            Assert.True(SpinWait.SpinUntil(() => store.Pending == 1, TimeSpan.FromSeconds(30)));
            read = Task.Factory.StartNew(() =>
            {
                caller.Value = "reader";
                return store.Write(w => w.Get<Organization>(organization.Id) is null ? "nothing" : caller.Value ?? "");
            }, TaskCreationOptions.LongRunning);
            Assert.True(SpinWait.SpinUntil(() => store.Pending == 2, TimeSpan.FromSeconds(30)));
        }

        Assert.Equal("inserter", await insert);
        Assert.Equal("reader", await read);
        Assert.Equal(transactions + 1, store.Transactions);
    }

    [Fact]
    public void AWriteInsideAWrite_IsRefused()
    {
        using var store = new LiteDbStore(File);

        var refused = Assert.Throws<InvalidOperationException>(() => store.Write(_ => store.Write(_ => 0)));

        Assert.Contains("already open", refused.Message);
    }

    private static List<Organization> NewOrganizations(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Organization { DisplayName = $"Organisation {i}", AffiliateNumber = $"100.{i}" })];

    private static int Insert(LiteDbStore store, Organization organization) => store.Write(w =>
    {
        w.Insert(organization);
        return 0;
    });
}
