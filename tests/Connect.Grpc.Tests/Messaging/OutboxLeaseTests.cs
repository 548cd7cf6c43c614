using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>Several dispatchers over one store, as several replicas over one database (decision 0032), on each engine.</summary>
public abstract class OutboxLeaseTests(bool postgres) : IDisposable
{
    private readonly OutboxHarness _h = new(postgres);

    public void Dispose()
    {
        _h.Dispose();
        GC.SuppressFinalize(this);
    }

    private OutboxFolderSmsGateway Folder(string name) => new(_h.Directory.Combine(name));

    private string[] Delivered(string name) =>
        Directory.Exists(_h.Directory.Combine(name)) ? Directory.GetFiles(_h.Directory.Combine(name)) : [];

    [Fact]
    public async Task TwoDispatchersRacing_DeliverEachMessageExactlyOnce()
    {
        const int count = 200;
        _h.Options.BatchSize = count;
        _h.Store.Write(w =>
        {
            for (var i = 0; i < count; i++) _h.Writer.Enqueue(w, new PhoneCodeSms("+41791234567", "de", $"{i:D6}"));
            return 0;
        });
        var a = _h.Dispatcher(Folder("a"));
        var b = _h.Dispatcher(Folder("b"));

        // Both read the same due messages at once; each pass ends when nothing is due any more.
        await Task.WhenAll(Task.Run(() => DrainAsync(a)), Task.Run(() => DrainAsync(b)));

        var ids = Delivered("a").Concat(Delivered("b")).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(_h.All().Select(m => m.Id).Order(), ids.Order());
        Assert.All(_h.All(), m => Assert.Equal((1, null, (DateTime?)_h.Now, ""), (m.Attempts, m.LeasedBy, m.SentAt, m.Body)));
    }

    private static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0) { }
    }

    [Fact]
    public async Task ADispatcherDyingWithALease_LeavesTheMessageToAnotherWhenTheLeaseEnds_Once()
    {
        var held = new HeldSmsGateway(Folder("a"));
        var a = _h.Dispatcher(held);
        var b = _h.Dispatcher(Folder("b"));
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "de", "482913"));
        using var dying = new CancellationTokenSource();

        var pass = a.DispatchDueAsync(dying.Token);
        await held.Started;
        var leased = _h.Get(queued.Id);
        Assert.Equal((a.InstanceId, (DateTime?)(_h.Now + _h.Options.LeaseDuration)), (leased.LeasedBy, leased.DueAt));
        await dying.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);

        Assert.Equal(0, await b.DispatchDueAsync(CancellationToken.None));
        _h.Time.Advance(_h.Options.LeaseDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await b.DispatchDueAsync(CancellationToken.None));
        Assert.Empty(Delivered("b"));

        _h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await b.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(0, await b.DispatchDueAsync(CancellationToken.None));
        Assert.Single(Delivered("b"));
        Assert.Empty(Delivered("a"));
        var delivered = _h.Get(queued.Id);
        Assert.Equal((1, null, (DateTime?)_h.Now, (DateTime?)null, ""), (delivered.Attempts, delivered.LeasedBy, delivered.SentAt, delivered.DueAt, delivered.Body));
        Assert.DoesNotContain(_h.Log.Lines, l => l.Contains("482913") || l.Contains("+41791234567"));
    }

    [Fact]
    public async Task ALateFinisherWhoseLeaseWasTakenOver_LeavesTheNewHoldersResult()
    {
        var held = new HeldSmsGateway(Folder("a"));
        var a = _h.Dispatcher(held);
        var b = _h.Dispatcher(Folder("b"));
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "de", "482913"));

        var pass = a.DispatchDueAsync(CancellationToken.None);
        await held.Started;
        _h.Time.Advance(_h.Options.LeaseDuration);
        Assert.Equal(1, await b.DispatchDueAsync(CancellationToken.None));
        var deliveredByB = _h.Get(queued.Id);

        // A's send fails late; recorded, it would make the delivered message due again.
        held.Release(new IOException("gateway timed out"));
        Assert.Equal(1, await pass);

        var stored = _h.Get(queued.Id);
        Assert.Equal((1, null, deliveredByB.SentAt, (DateTime?)null, (string?)null),
            (stored.Attempts, stored.LeasedBy, stored.SentAt, stored.DueAt, stored.LastError));
        Assert.Contains(_h.Log.Lines, l => l.Contains(queued.Id) && l.Contains("another took the message over"));
        Assert.Equal(0, await a.DispatchDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADecoy_IsClaimedThenDeleted_Unsent()
    {
        var a = _h.Dispatcher(Folder("a"));
        _h.Store.Write(w =>
        {
            _h.Writer.EnqueueDecoy(w, new PhoneCodeSms("+41791234567", "de", "482913"));
            return 0;
        });

        Assert.Equal(1, await a.DispatchDueAsync(CancellationToken.None));

        Assert.Empty(_h.All());
        Assert.Empty(Delivered("a"));
    }
}

/// <summary>Dispatchers over one LiteDB store.</summary>
public sealed class LiteDbOutboxLeaseTests() : OutboxLeaseTests(postgres: false);

/// <summary>Dispatchers each with a store of its own over one PostgreSQL database: replicas' outboxes.</summary>
public sealed class PostgresOutboxLeaseTests() : OutboxLeaseTests(postgres: true);

