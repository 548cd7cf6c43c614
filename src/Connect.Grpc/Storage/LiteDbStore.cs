using Connect.Grpc.Domain;
using LiteDB;
using LiteDB.Engine;

namespace Connect.Grpc.Storage;

/// <summary>
/// <see cref="IStore"/> over one LiteDB file for the whole process. LiteDB does not force its log to disk
/// at commit (LiteDB issue 2818), so this store opens the data and log files itself and fsyncs the log
/// after every commit, before the write is acknowledged. Writes are serialised: LiteDB's explicit
/// transactions belong to the calling thread, and a write here never awaits. The indexes, the derived keys they
/// read and the way each question of the port walks them are this folder's (<see cref="LiteDbTransaction"/>).
/// </summary>
public sealed class LiteDbStore : IStore, IDisposable
{
    private readonly object _writeGate = new();
    private readonly FileStream _dataFile;
    private readonly FileStream _logFile;
    private readonly LiteDatabase _db;
    private readonly bool _flushToDisk;
    private readonly IStoreChangeListener? _listener;

    /// <param name="databaseFile">The data file; the log file lies beside it.</param>
    /// <param name="flushToDisk">Off only in tests: a write is then acknowledged before it is on disk.</param>
    /// <param name="listener">Told what each write changed, right after its commit (the session cache).</param>
    public LiteDbStore(string databaseFile, bool flushToDisk = true, IStoreChangeListener? listener = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        var logPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!,
            Path.GetFileNameWithoutExtension(databaseFile) + "-log" + Path.GetExtension(databaseFile));
        // Exclusive sharing: a second process on the same file fails at once instead of corrupting it.
        _dataFile = new FileStream(databaseFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);
        _logFile = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);
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
        lock (_writeGate)
        {
            if (!_db.BeginTrans()) throw new InvalidOperationException("A transaction is already open on this thread.");
            T result;
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
            if (_flushToDisk) _logFile.Flush(flushToDisk: true);
            return result;
        }
    }

    /// <summary>Every entity of a type, counted by LiteDB itself (a copy checks its tally against it).</summary>
    internal long Count<T>() where T : Entity => _db.GetCollection<T>(StoreMapping.CollectionName<T>()).LongCount();

    public void Dispose()
    {
        lock (_writeGate)
        {
            _db.Dispose();
            _logFile.Dispose();
            _dataFile.Dispose();
        }
    }
}
