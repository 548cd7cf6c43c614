using Connect.Grpc.Domain;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Win32.SafeHandles;

namespace Connect.Grpc.Storage;

/// <summary>
/// <see cref="IStore"/> over one LiteDB file for the whole process. LiteDB does not force its log to disk
/// at commit (LiteDB issue 2818), so this store opens the data and log files itself and acknowledges a write only
/// after an fsync of the log that began after its commit; writers that commit meanwhile share the next fsync
/// (group commit, decision 0036). Commits are serialised: LiteDB's explicit transactions belong to the calling
/// thread, and a write here never awaits. The indexes, the derived keys they read and the way each question of the
/// port walks them are this folder's (<see cref="LiteDbTransaction"/>).
/// </summary>
public sealed class LiteDbStore : IStore, IDisposable
{
    private readonly object _writeGate = new();
    private readonly Lock _fsyncGate = new();
    private readonly FileStream _dataFile;
    private readonly FileStream _logFile;
    private readonly SafeFileHandle _logHandle;
    private readonly LiteDatabase _db;
    private readonly bool _flushToDisk;
    private readonly IStoreChangeListener? _listener;
    private long _committed; // commits so far; each write's number is taken under _writeGate
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
        T result;
        long commit;
        lock (_writeGate)
        {
            if (!_db.BeginTrans()) throw new InvalidOperationException("A transaction is already open on this thread.");
            var transaction = new LiteDbTransaction(_db);
            try
            {
                result = write(transaction);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }
            // Readers see the commit from now on, so caches forget what it changed before anyone is told it is done.
            if (!transaction.Changes.IsEmpty) _listener?.Committed(transaction.Changes);
            commit = Interlocked.Increment(ref _committed);
        }
        // Outside the gate: the next writers commit while this one waits for the disk.
        if (_flushToDisk) WaitForFsync(commit);
        return result;
    }

    /// <summary>
    /// Returns once an fsync of the log that began after commit <paramref name="commit"/> has ended. One waiter
    /// fsyncs for every commit made so far; those that commit while it runs are covered by the next one, which
    /// one of them does.
    /// </summary>
    private void WaitForFsync(long commit)
    {
        if (Volatile.Read(ref _durable) >= commit) return;
        lock (_fsyncGate)
        {
            if (_durable < commit) FsyncLog();
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

    /// <summary>Commits so far (for tests).</summary>
    internal long Commits => Interlocked.Read(ref _committed);

    /// <summary>Fsyncs of the log so far (for tests).</summary>
    internal long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>For tests: writes commit but wait, unacknowledged, until the scope ends.</summary>
    internal Lock.Scope HoldFsyncs() => _fsyncGate.EnterScope();

    /// <summary>Every entity of a type, counted by LiteDB itself (a copy checks its tally against it).</summary>
    internal long Count<T>() where T : Entity => _db.GetCollection<T>(StoreMapping.CollectionName<T>()).LongCount();

    public void Dispose()
    {
        lock (_writeGate)
        lock (_fsyncGate)
        {
            // Writers still waiting get their fsync here, not a closed file.
            if (_flushToDisk && _durable < _committed) FsyncLog();
            _db.Dispose();
            _logFile.Dispose();
            _dataFile.Dispose();
        }
    }
}
