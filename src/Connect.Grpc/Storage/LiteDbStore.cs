using System.Linq.Expressions;
using Connect.Grpc.Domain;
using LiteDB;
using LiteDB.Engine;

namespace Connect.Grpc.Storage;

/// <summary>
/// <see cref="IStore"/> over one LiteDB file for the whole process. LiteDB does not force its log to disk
/// at commit (LiteDB issue 2818), so this store opens the data and log files itself and fsyncs the log
/// after every commit, before the write is acknowledged. Writes are serialised: LiteDB's explicit
/// transactions belong to the calling thread, and a write here never awaits.
/// </summary>
public sealed class LiteDbStore : IStore, IDisposable
{
    private readonly object _writeGate = new();
    private readonly FileStream _dataFile;
    private readonly FileStream _logFile;
    private readonly LiteDatabase _db;
    private readonly bool _flushToDisk;

    public LiteDbStore(string databaseFile, bool flushToDisk = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        var logPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!,
            Path.GetFileNameWithoutExtension(databaseFile) + "-log" + Path.GetExtension(databaseFile));
        // Exclusive sharing: a second process on the same file fails at once instead of corrupting it.
        _dataFile = new FileStream(databaseFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);
        _logFile = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);
        var engine = new LiteEngine(new EngineSettings { DataStream = _dataFile, LogStream = _logFile });
        _db = new LiteDatabase(engine, StoreMapping.CreateMapper(), disposeOnClose: true);
        _flushToDisk = flushToDisk;
        StoreMapping.EnsureIndexes(_db);
    }

    public T Read<T>(Func<IStoreReader, T> read) => read(new Transaction(_db));

    public T Write<T>(Func<IStoreWriter, T> write)
    {
        lock (_writeGate)
        {
            if (!_db.BeginTrans()) throw new InvalidOperationException("A transaction is already open on this thread.");
            T result;
            try
            {
                result = write(new Transaction(_db));
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }
            if (_flushToDisk) _logFile.Flush(flushToDisk: true);
            return result;
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            _db.Dispose();
            _logFile.Dispose();
            _dataFile.Dispose();
        }
    }

    private sealed class Transaction(LiteDatabase db) : IStoreWriter
    {
        private ILiteCollection<T> Collection<T>() where T : Entity => db.GetCollection<T>(StoreMapping.CollectionName<T>());

        public T? Get<T>(string id) where T : Entity => Collection<T>().FindById(id);

        public T? FindOne<T>(Expression<Func<T, bool>> where) where T : Entity => Collection<T>().FindOne(where);

        public IReadOnlyList<T> Find<T>(Expression<Func<T, bool>> where, int limit = 1000) where T : Entity =>
            Collection<T>().Find(where, 0, limit).ToList();

        public int Count<T>(Expression<Func<T, bool>> where) where T : Entity => Collection<T>().Count(where);

        public IReadOnlyList<T> Page<T>(Expression<Func<T, bool>>? where, string? afterId, int limit, bool descending) where T : Entity
        {
            var query = Collection<T>().Query();
            if (where is not null) query = query.Where(where);
            if (afterId is not null) query = query.Where(descending ? "_id < @0" : "_id > @0", new BsonValue(afterId));
            return (descending ? query.OrderByDescending("_id") : query.OrderBy("_id")).Limit(limit).ToList();
        }

        public IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity
        {
            var field = db.Mapper.GetExpression(key);
            var keyName = field.Source[2..];
            return Range<T>(field, after, until, descending).Limit(limit + 1).ToEnumerable()
                .Where(d => d[keyName].AsString != after).Take(limit)
                .Select(d => db.Mapper.ToObject<T>(d)).ToList();
        }

        public IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) where T : Entity
        {
            var field = db.Mapper.GetExpression(key);
            var keyName = field.Source[2..];
            // Selecting only the indexed field lets LiteDB answer from the index without reading documents.
            return Range<T>(field, after, until, descending).Select(field).Limit(limit + 1).ToEnumerable()
                .Select(d => d[keyName].AsString).Where(k => k != after).Take(limit).ToList();
        }

        /// <summary>
        /// BETWEEN is the one form LiteDB reads as a bounded index range, in index order, stopping at the limit. The
        /// bounds are inclusive, so callers read one more than asked and the entry at <paramref name="after"/> (the previous page's last) is skipped.
        /// </summary>
        private ILiteQueryable<BsonDocument> Range<T>(BsonExpression field, string after, string until, bool descending) where T : Entity
        {
            var (low, high) = descending ? (until, after) : (after, until);
            var query = db.GetCollection(StoreMapping.CollectionName<T>()).Query()
                .Where(BsonExpression.Create($"{field.Source} BETWEEN @0 AND @1", new BsonValue(low), new BsonValue(high)));
            return descending ? query.OrderByDescending(field) : query.OrderBy(field);
        }

        public IReadOnlyList<T> AnyKeyRange<T>(Expression<Func<T, IEnumerable<string>>> keys, string from, string until, int limit) where T : Entity
        {
            var field = db.Mapper.GetExpression(keys);
            // "ANY BETWEEN" on the elements is what LiteDB reads as a range of the multikey index (StoreMapping.EnsureMultikey).
            return db.GetCollection(StoreMapping.CollectionName<T>()).Query()
                .Where(BsonExpression.Create($"{field.Source}[*] ANY BETWEEN @0 AND @1", new BsonValue(from), new BsonValue(until)))
                .Limit(limit).ToEnumerable()
                .Select(d => db.Mapper.ToObject<T>(d)).DistinctBy(e => e.Id).ToList();
        }

        public void Delete<T>(string id) where T : Entity
        {
            if (!Collection<T>().Delete(id)) throw new InvalidOperationException($"{typeof(T).Name} {id} does not exist.");
        }

        public void Insert<T>(T entity) where T : Entity => Collection<T>().Insert(entity);

        public void Update<T>(T entity) where T : Entity
        {
            if (!Collection<T>().Update(entity)) throw new InvalidOperationException($"{typeof(T).Name} {entity.Id} does not exist.");
        }
    }
}
