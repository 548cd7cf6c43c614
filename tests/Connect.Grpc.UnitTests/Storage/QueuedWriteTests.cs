using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;

namespace Connect.Grpc.UnitTests.Storage;

public sealed class LiteDbQueuedWriteTests : QueuedWriteTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connect-tests", "queued-writes-" + Guid.NewGuid().ToString("N"));

    private protected override IQueuedWrites Open() => new LiteDbStore(Path.Combine(_directory, "connect.db"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

public sealed class PostgresQueuedWriteTests : QueuedWriteTests
{
    private protected override IQueuedWrites Open() => new PostgresStore(PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult());

    [Fact]
    public async Task AnInsertThatTakesATakenKey_FailsOnlyItsOwnWrite_ThoughItIsSentWithTheNextStatement()
    {
        using var store = Open();
        var first = NewOrganizations(1)[0];
        var again = new Organization { Id = first.Id, DisplayName = "Copy", AffiliateNumber = "999.1" };
        Task<int> original, copy;
        using (store.HoldCommits())
        {
            original = Task.Factory.StartNew(() => Insert(store, first), TaskCreationOptions.LongRunning);
            Assert.True(SpinWait.SpinUntil(() => store.Pending == 1, TimeSpan.FromSeconds(30)));
            copy = Task.Factory.StartNew(() => Insert(store, again), TaskCreationOptions.LongRunning);
            Assert.True(SpinWait.SpinUntil(() => store.Pending == 2, TimeSpan.FromSeconds(30)));
        }

        await original;
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<Npgsql.PostgresException>(() => copy)).SqlState);
        Assert.Equal(first.DisplayName, store.Read(r => r.Get<Organization>(first.Id))!.DisplayName);
    }
}

/// <summary>
/// Writers that queue while another commits are committed together in one transaction, each as if alone (decisions
/// 0038 and 0042), on both engines.
/// </summary>
public abstract class QueuedWriteTests
{
    private protected abstract IQueuedWrites Open();

    /// <summary>Writes committed so far, read as the organisations in the store (every write here inserts one).</summary>
    private static int Committed(IStore store) => store.Read(r => r.Scan<Organization>(null, 1_000)).Count;

    [Fact]
    public async Task QueuedWriters_CommitInOneTransaction()
    {
        const int writers = 32;
        using var store = Open();
        var (commits, transactions) = (Committed(store), store.Transactions);
        var organizations = NewOrganizations(writers);
        List<Task<int>> writes;
        using (store.HoldCommits())
        {
            writes = [.. organizations.Select(o => Task.Factory.StartNew(() => Insert(store, o), TaskCreationOptions.LongRunning))];
            Assert.True(SpinWait.SpinUntil(() => store.Pending == writers, TimeSpan.FromSeconds(30)), $"{store.Pending} of {writers} writers queued.");
            Assert.Equal(commits, Committed(store));
        }
        await Task.WhenAll(writes);

        Assert.Equal(transactions + 1, store.Transactions);
        Assert.Equal(commits + writers, Committed(store));
        Assert.All(organizations, o => Assert.NotNull(store.Read(r => r.Get<Organization>(o.Id))));
    }

    [Fact]
    public async Task AWriterThatThrows_LosesOnlyItsOwnWrite()
    {
        using var store = Open();
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
        using var store = Open();
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
        using var store = Open();

        var refused = Assert.Throws<InvalidOperationException>(() => store.Write(_ => store.Write(_ => 0)));

        Assert.Contains("already open", refused.Message);
    }

    private protected static List<Organization> NewOrganizations(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Organization { DisplayName = $"Organisation {i}", AffiliateNumber = $"100.{i}" })];

    private protected static int Insert(IStore store, Organization organization) => store.Write(w =>
    {
        w.Insert(organization);
        return 0;
    });
}
