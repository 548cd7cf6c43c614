using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>
/// A real LiteDB file in a temporary folder (or a fresh PostgreSQL database), a fake clock, and the outbox writer over
/// them. On PostgreSQL each dispatcher gets a store of its own over the database, as each replica has.
/// </summary>
public sealed class OutboxHarness : IDisposable
{
    private readonly string? _database;
    private readonly List<IDisposable> _replicaStores = [];

    public TempDirectory Directory { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    public IStore Store { get; }
    public MessagingOptions Options { get; } = new() { FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(15) };
    public SupportOptions Support { get; } = new();
    public OutboxSignal Signal { get; }
    public OutboxWriter Writer { get; }
    public CollectingLogger<OutboxDispatcher> Log { get; } = new();

    public OutboxHarness(bool postgres = false)
    {
        _database = postgres ? PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult() : null;
        Store = _database is null ? new LiteDbStore(Directory.Combine("connect.db"), flushToDisk: false) : new PostgresStore(_database);
        Signal = new OutboxSignal(Time);
        Writer = new OutboxWriter(Time, Signal, Microsoft.Extensions.Options.Options.Create(Support));
    }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public OutboxDispatcher Dispatcher(IEmailTransport email, ISmsGateway sms, TimeProvider? time = null) =>
        new(ReplicaStore(), email, sms, Signal, Microsoft.Extensions.Options.Options.Create(Options), time ?? Time, Log);

    /// <summary>The one LiteDB store, or a new PostgreSQL store (its own connection pool) over the shared database.</summary>
    private IStore ReplicaStore()
    {
        if (_database is null) return Store;
        var store = new PostgresStore(_database);
        _replicaStores.Add(store);
        return store;
    }

    public OutboxDispatcher Dispatcher(IEmailTransport email) => Dispatcher(email, new OutboxFolderSmsGateway(Directory.Combine("sms")));

    public OutboxDispatcher Dispatcher(ISmsGateway sms) => Dispatcher(new PickupFolderEmailTransport(Directory.Combine("mail"), Options), sms);

    /// <summary>Enqueues in its own write, as a flow would, and returns the stored message.</summary>
    public OutboxMessage Enqueue(Message message)
    {
        Store.Write(w =>
        {
            Writer.Enqueue(w, message);
            return 0;
        });
        return All().Last();
    }

    public IReadOnlyList<OutboxMessage> All() => Store.Read(r => r.Scan<OutboxMessage>(null, 1000));

    public OutboxMessage Get(string id) => Store.Read(r => r.Get<OutboxMessage>(id)) ?? throw new InvalidOperationException("gone");

    public void Dispose()
    {
        foreach (var store in _replicaStores) store.Dispose();
        ((IDisposable)Store).Dispose();
        Directory.Dispose();
    }
}
