using Connect.Grpc.Domain;
using LiteDB;
using LiteDB.Engine;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace Connect.Grpc.Storage;

/// <summary>
/// <see cref="IStore"/> over one LiteDB file for the whole process. LiteDB does not force its log to disk
/// at commit (LiteDB issue 2818), so this store opens the data and log files itself and acknowledges a write only
/// after an fsync of the log that began after its commit; writers that commit meanwhile share the next fsync
/// (group commit, decision 0036), and writers that queue while another commits are committed together, in one
/// transaction, by the next of them (decision 0038). Commits are serialised: LiteDB's explicit transactions belong to
/// the calling thread, and a write here never awaits. The indexes, the derived keys they read and the way each question of the
/// port walks them are this folder's (<see cref="LiteDbTransaction"/>).
/// </summary>
public sealed class LiteDbStore : IStore, IDisposable
{
    // Gates are semaphores awaited by a blocking Task.Wait: the thread pool adds threads for a thread blocked that way
    // (not for one blocked on a Monitor), so writers queued here do not starve the pool of threads for the writers and
    // readers behind them, and the writers reach the queue where they share a transaction and an fsync.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _pendingGate = new();
    private List<PendingWrite> _pending = [];
    private readonly SemaphoreSlim _fsyncGate = new(1, 1);
    [ThreadStatic] private static bool _writing; // on the thread that runs the writes of a transaction
    private readonly FileStream _dataFile;
    private readonly FileStream _logFile;
    private readonly SafeFileHandle _logHandle;
    private readonly LiteDatabase _db;
    private readonly bool _flushToDisk;
    private readonly IStoreChangeListener? _listener;
    private long _committed; // writes committed so far; each write's number is taken under _writeGate
    private long _transactions; // LiteDB transactions committed, one for several writes when they queue
    private long _durable; // the highest commit number an ended fsync of the log covers
    private long _fsyncs;

    /// <param name="databaseFile">The data file; the log file lies beside it.</param>
    /// <param name="flushToDisk">Off only in tests: a write is then acknowledged before it is on disk.</param>
    /// <param name="listener">Told what each write changed, right after its commit (the session cache).</param>
    public LiteDbStore(string databaseFile, bool flushToDisk = true, IStoreChangeListener? listener = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        var logPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!,
            Path.GetFileNameWithoutExtension(databaseFile) + "-log" + Path.GetExtension(databaseFile));
        // Exclusive sharing: a second process on the same file fails at once instead of corrupting it. Unbuffered
        // (LiteDB reads and writes whole 8 KiB pages): a commit's pages reach the OS during Commit, so an fsync of
        // the handle from another thread covers them.
        _dataFile = new FlushToDiskFileStream(databaseFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.RandomAccess);
        _logFile = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.RandomAccess);
        _logHandle = _logFile.SafeFileHandle; // taken once, before LiteDB uses the stream: the getter is not thread-safe
        var engine = new LiteEngine(new EngineSettings { DataStream = _dataFile, LogStream = _logFile });
        _db = new LiteDatabase(engine, StoreMapping.Mapper, disposeOnClose: true);
        _flushToDisk = flushToDisk;
        _listener = listener;
        StoreMapping.EnsureIndexes(_db);
        try
        {
            // Before anything reads: keys of an older layout, or missing (a bulk load), are written again.
            Write(w => KeyBackfill.RewriteOnNewLayout(w) + KeyBackfill.FillMissing((LiteDbTransaction)w));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public T Read<T>(Func<IStoreReader, T> read) => read(new LiteDbTransaction(_db));

    public T Write<T>(Func<IStoreWriter, T> write)
    {
        // The gate is no Monitor: a write inside a write would wait for itself.
        if (_writing) throw new InvalidOperationException("A transaction is already open on this thread.");
        var mine = new PendingWrite(w => write(w), ExecutionContext.Capture());
        lock (_pendingGate) _pending.Add(mine);
        Enter(_writeGate);
        try
        {
            // The writer before may have committed this write with its own.
            if (!mine.Done) CommitPending();
        }
        finally
        {
            _writeGate.Release();
        }
        mine.Failure?.Throw();
        // Outside the gate: the next writers commit while this one waits for the disk.
        if (_flushToDisk) WaitForFsync(mine.Number);
        return (T)mine.Result!;
    }

    /// <summary>
    /// Under <see cref="_writeGate"/>: every write queued so far, in one LiteDB transaction when there are several
    /// (their pages, mostly the same index pages, go to the log once), as if they ran one after the other. When one of
    /// them throws, that transaction is rolled back and each runs again in a transaction of its own, so that a
    /// refusal undoes only its own write; a write may run again anyway (as on PostgreSQL, which retries conflicts).
    /// </summary>
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
            if (batch.Count > 1 && CommitTogether(batch)) return;
            foreach (var write in batch) CommitAlone(write);
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

    private bool CommitTogether(List<PendingWrite> batch)
    {
        var transactions = new LiteDbTransaction[batch.Count];
        BeginTransaction();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                transactions[i] = new LiteDbTransaction(_db);
                batch[i].Run(transactions[i]);
            }
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            return false;
        }
        for (var i = 0; i < batch.Count; i++) Committed(batch[i], transactions[i]);
        Interlocked.Increment(ref _transactions);
        return true;
    }

    private void CommitAlone(PendingWrite write)
    {
        var transaction = new LiteDbTransaction(_db);
        BeginTransaction();
        try
        {
            write.Run(transaction);
            _db.Commit();
        }
        catch (Exception e)
        {
            _db.Rollback();
            write.Fail(e);
            return;
        }
        Committed(write, transaction);
        Interlocked.Increment(ref _transactions);
    }

    private void BeginTransaction()
    {
        if (!_db.BeginTrans()) throw new InvalidOperationException("A transaction is already open on this thread.");
    }

    /// <summary>After the commit: readers see it from now on, so caches forget what it changed before anyone is told it is done.</summary>
    private void Committed(PendingWrite write, LiteDbTransaction transaction)
    {
        if (!transaction.Changes.IsEmpty) _listener?.Committed(transaction.Changes);
        write.Number = Interlocked.Increment(ref _committed);
        write.Done = true;
    }

    /// <summary>A write waiting for the one that commits it: run on that writer's thread, in the caller's execution context.</summary>
    private sealed class PendingWrite(Func<IStoreWriter, object?> write, ExecutionContext? context)
    {
        public object? Result { get; private set; }
        public ExceptionDispatchInfo? Failure { get; private set; }
        public long Number { get; set; }
        public bool Done { get; set; }

        public void Run(IStoreWriter writer)
        {
            if (context is null) Result = write(writer);
            else ExecutionContext.Run(context, _ => Result = write(writer), null);
        }

        public void Fail(Exception e)
        {
            Failure = ExceptionDispatchInfo.Capture(e);
            Done = true;
        }
    }

    /// <summary>
    /// Returns once an fsync of the log that began after commit <paramref name="commit"/> has ended. One waiter
    /// fsyncs for every commit made so far; those that commit while it runs are covered by the next one, which
    /// one of them does.
    /// </summary>
    private void WaitForFsync(long commit)
    {
        if (Volatile.Read(ref _durable) >= commit) return;
        Enter(_fsyncGate);
        try
        {
            if (_durable < commit) FsyncLog();
        }
        finally
        {
            _fsyncGate.Release();
        }
    }

    /// <summary>Under <see cref="_fsyncGate"/>.</summary>
    private void FsyncLog()
    {
        var upTo = Interlocked.Read(ref _committed);
        RandomAccess.FlushToDisk(_logHandle);
        Interlocked.Increment(ref _fsyncs);
        Volatile.Write(ref _durable, upTo);
    }

    /// <summary>Writes committed so far (for tests).</summary>
    internal long Commits => Interlocked.Read(ref _committed);

    /// <summary>LiteDB transactions committed so far (for tests): fewer than the writes when writers queue.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes queued for the next transaction (for tests).</summary>
    internal int Pending { get { lock (_pendingGate) return _pending.Count; } }

    /// <summary>For tests: writes queue, uncommitted, until the scope ends; then one transaction commits them all.</summary>
    internal IDisposable HoldCommits() => Hold(_writeGate);

    /// <summary>Fsyncs of the log so far (for tests).</summary>
    internal long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>For tests: writes commit but wait, unacknowledged, until the scope ends.</summary>
    internal IDisposable HoldFsyncs() => Hold(_fsyncGate);

    private static IDisposable Hold(SemaphoreSlim gate)
    {
        Enter(gate);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>Waits on a task when the gate is taken, so that a pool thread blocked here is one the pool replaces.</summary>
    private static void Enter(SemaphoreSlim gate)
    {
        if (!gate.Wait(0)) gate.WaitAsync().Wait();
    }

    /// <summary>Every entity of a type, counted by LiteDB itself (a copy checks its tally against it).</summary>
    internal long Count<T>() where T : Entity => _db.GetCollection<T>(StoreMapping.CollectionName<T>()).LongCount();

    public void Dispose()
    {
        Enter(_writeGate);
        Enter(_fsyncGate);
        try
        {
            // Writers still waiting get their fsync here, not a closed file.
            if (_flushToDisk && _durable < _committed) FsyncLog();
            _db.Dispose();
            _logFile.Dispose();
            _dataFile.Dispose();
        }
        finally
        {
            // A writer that comes later fails on the closed store instead of waiting for ever.
            _fsyncGate.Release();
            _writeGate.Release();
        }
    }
}
