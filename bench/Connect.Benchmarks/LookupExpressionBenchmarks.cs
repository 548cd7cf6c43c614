using BenchmarkDotNet.Attributes;
using Connect.Grpc.Storage;
using LiteDB;

namespace Connect.Benchmarks;

/// <summary>
/// Issue 16, item 2: a lookup by an indexed field with its expression parsed on every call (what
/// <c>BsonExpression.Create</c> and LiteDB's own <c>FindById</c> do) against parsed once and reused with new values
/// (<see cref="ParsedExpressions"/>, what the store does), on a LiteDB file of 100,000 documents.
/// </summary>
[MemoryDiagnoser]
public class LookupExpressionBenchmarks
{
    private const int Documents = 100_000;

    private string _directory = "";
    private LiteDatabase _db = null!;
    private ILiteCollection<BsonDocument> _persons = null!;
    private string[] _emails = [];
    private string[] _ids = [];
    private int _next;

    [GlobalSetup]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("connect-lookups-").FullName;
        _db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_directory, "lookups.db"), Connection = ConnectionType.Direct });
        _persons = _db.GetCollection("persons");
        _persons.EnsureIndex("Email", "$.Email", unique: true);
        var documents = Enumerable.Range(0, Documents).Select(i => new BsonDocument
        {
            ["_id"] = Guid.CreateVersion7().ToString("N"),
            ["Email"] = $"person.{i}@example.ch",
            ["GivenName"] = "Anne",
            ["FamilyName"] = $"Muster {i}",
        }).ToList();
        _persons.InsertBulk(documents);
        // Spread over the file, so that each call reads another document.
        var every = Documents / 1024;
        _emails = Enumerable.Range(0, 1024).Select(i => documents[i * every]["Email"].AsString).ToArray();
        _ids = Enumerable.Range(0, 1024).Select(i => documents[i * every]["_id"].AsString).ToArray();
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _db.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private int Next() => _next = (_next + 1) & 1023;

    [Benchmark(Baseline = true)]
    public BsonDocument ByEmailParsedPerCall() => _persons.FindOne(BsonExpression.Create("$.Email = @0", _emails[Next()]));

    [Benchmark]
    public BsonDocument ByEmailParsedOnce() => _persons.FindOne(ParsedExpressions.Of("$.Email = @0", _emails[Next()]));

    [Benchmark]
    public BsonDocument ByIdFindById() => _persons.FindById(_ids[Next()]);

    [Benchmark]
    public BsonDocument ByIdParsedOnce() => _persons.FindOne(ParsedExpressions.Of("_id = @0", _ids[Next()]));
}
