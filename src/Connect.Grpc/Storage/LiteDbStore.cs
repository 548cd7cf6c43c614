using Connect.Grpc.Domain;
using LiteDB;
using LiteDB.Engine;
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
public sealed class LiteDbStore : IQueuedWrites
{
    private readonly WriteQueue _writes;
    // A semaphore, as the queue's gate (WriteQueue.Enter): writers waiting for the disk do not starve the thread pool.
    private readonly SemaphoreSlim _fsyncGate = new(1, 1);
    private readonly FileStream _dataFile;
    private readonly FileStream _logFile;
    private readonly SafeFileHandle _logHandle;
    private readonly LiteDatabase _db;
    private readonly bool _flushToDisk;
    private readonly IStoreChangeListener? _listener;
    private long _committed; // writes committed so far; each write's number is taken in the write queue's commit
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
        _writes = new WriteQueue(CommitTogether, CommitAlone);
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
        var mine = _writes.Write(write);
        // Outside the queue's gate: the next writers commit while this one waits for the disk.
        if (_flushToDisk) WaitForFsync(mine.Number);
        return (T)mine.Result!;
    }

    /// <summary>
    /// The queued writes in one LiteDB transaction (their pages, mostly the same index pages, go to the log once); rolled
    /// back when one of them throws, and then each runs alone.
    /// </summary>
    private bool CommitTogether(IReadOnlyList<PendingWrite> batch)
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
        write.Committed();
    }

    /// <summary>
    /// Returns once an fsync of the log that began after commit <paramref name="commit"/> has ended. One waiter
    /// fsyncs for every commit made so far; those that commit while it runs are covered by the next one, which
    /// one of them does.
    /// </summary>
    private void WaitForFsync(long commit)
    {
        if (Volatile.Read(ref _durable) >= commit) return;
        WriteQueue.Enter(_fsyncGate);
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

    long IQueuedWrites.Transactions => Interlocked.Read(ref _transactions);

    int IQueuedWrites.Pending => _writes.Pending;

    IDisposable IQueuedWrites.HoldCommits() => _writes.Hold();

    /// <summary>Fsyncs of the log so far (for tests).</summary>
    internal long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>For tests: writes commit but wait, unacknowledged, until the scope ends.</summary>
    internal IDisposable HoldFsyncs() => WriteQueue.Hold(_fsyncGate);

    /// <summary>Every entity of a type, counted by LiteDB itself (a copy checks its tally against it).</summary>
    internal long Count<T>() where T : Entity => _db.GetCollection<T>(StoreMapping.CollectionName<T>()).LongCount();

    public void Dispose()
    {
        using var writes = _writes.Hold();
        WriteQueue.Enter(_fsyncGate);
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
        }
    }
}
