using System.Runtime.ExceptionServices;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// A store's writes, one transaction at a time, with the writes that queue meanwhile committed together (decisions 0038
/// and 0042). A writer puts its write in the queue and takes the gate; the one that gets it hands every queued write
/// to <c>commitTogether</c> (one transaction, as if they ran one after the other), and when that gives up (a write
/// threw), to <c>commitAlone</c> one by one, so that a refusal undoes only its own write. The others find theirs done.
/// A write may therefore run more than once; each runs in its caller's <see cref="ExecutionContext"/>.
/// </summary>
/// <param name="commitTogether">Commits several writes in one transaction, or rolls back and answers false.</param>
/// <param name="commitAlone">Commits one write in a transaction of its own, or fails it (<see cref="PendingWrite.Fail"/>).</param>
internal sealed class WriteQueue(Func<IReadOnlyList<PendingWrite>, bool> commitTogether, Action<PendingWrite> commitAlone)
{
    // The gate is a semaphore awaited by a blocking Task.Wait: the thread pool adds threads for a thread blocked that way
    // (not for one blocked on a Monitor), so writers queued here do not starve the pool of threads for the writers and
    // readers behind them, and the writers reach the queue where they share a transaction.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingGate = new();
    private List<PendingWrite> _pending = [];
    [ThreadStatic] private static bool _writing; // on the thread that runs the writes of a transaction

    /// <summary>Runs the write in a committed transaction, or throws what it threw; the store may then wait for the disk.</summary>
    public PendingWrite Write<T>(Func<IStoreWriter, T> write)
    {
        // The gate is no Monitor: a write inside a write would wait for itself.
        if (_writing) throw new InvalidOperationException("A transaction is already open on this thread.");
        var mine = new PendingWrite(w => write(w), ExecutionContext.Capture());
        lock (_pendingGate) _pending.Add(mine);
        Enter(_gate);
        try
        {
            // The writer before may have committed this write with its own.
            if (!mine.Done) CommitPending();
        }
        finally
        {
            _gate.Release();
        }
        mine.Failure?.Throw();
        return mine;
    }

    private void CommitPending()
    {
        List<PendingWrite> batch;
        lock (_pendingGate)
        {
            batch = _pending;
            _pending = [];
        }
        _writing = true;
        try
        {
            if (batch.Count > 1 && commitTogether(batch)) return;
            foreach (var write in batch) commitAlone(write);
        }
        catch (Exception e)
        {
            // The store itself failed (not a write): nobody may wait for an answer that will not come.
            foreach (var write in batch.Where(w => !w.Done)) write.Fail(e);
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>Writes queued for the next transaction (for tests).</summary>
    internal int Pending { get { lock (_pendingGate) return _pending.Count; } }

    /// <summary>Holds the gate until the scope ends: writes queue, uncommitted (tests), or none starts (a store closing).</summary>
    public IDisposable Hold() => Hold(_gate);

    public static IDisposable Hold(SemaphoreSlim gate)
    {
        Enter(gate);
        return new Release(gate);
    }

    /// <summary>Waits on a task when the gate is taken, so that a pool thread blocked here is one the pool replaces.</summary>
    public static void Enter(SemaphoreSlim gate)
    {
        if (!gate.Wait(0)) gate.WaitAsync().Wait();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>What tests see of a store's <see cref="WriteQueue"/>.</summary>
internal interface IQueuedWrites : IStore, IDisposable
{
    /// <summary>Writes queued for the next transaction.</summary>
    int Pending { get; }

    /// <summary>Transactions committed so far: fewer than the writes when writers queue.</summary>
    long Transactions { get; }

    /// <summary>Writes queue, uncommitted, until the scope ends; then one transaction commits them all.</summary>
    IDisposable HoldCommits();
}

/// <summary>A write waiting for the one that commits it: run on that writer's thread, in the caller's execution context.</summary>
internal sealed class PendingWrite(Func<IStoreWriter, object?> write, ExecutionContext? context)
{
    public object? Result { get; private set; }
    public ExceptionDispatchInfo? Failure { get; private set; }

    /// <summary>The store's number for the commit that holds the write (LiteDB: which fsync covers it).</summary>
    public long Number { get; set; }

    public bool Done { get; private set; }

    public void Run(IStoreWriter writer)
    {
        if (context is null) Result = write(writer);
        else ExecutionContext.Run(context, _ => Result = write(writer), null);
    }

    /// <summary>The write's transaction committed: its caller may be answered.</summary>
    public void Committed() => Done = true;

    public void Fail(Exception e)
    {
        Failure = ExceptionDispatchInfo.Capture(e);
        Done = true;
    }
}
