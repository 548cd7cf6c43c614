using Connect.Grpc.Domain;
using Connect.Grpc.Storage;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>The store contract on a real LiteDB file (without the fsync per commit, which the kill -9 tests cover).</summary>
public sealed class LiteDbStoreContractTests : StoreContractTests
{
    /// <summary>An empty store with its collections and indexes made once: each test starts from a copy, not from nothing.</summary>
    private static readonly Lazy<string> Template = new(() =>
    {
        var directory = NewDirectory();
        new LiteDbStore(Path.Combine(directory, "connect.db"), flushToDisk: false).Dispose();
        return directory;
    });

    private string? _directory;

    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "connect-tests", "store-" + Guid.NewGuid().ToString("N"));

    protected override IStore Open()
    {
        if (_directory is null)
        {
            _directory = NewDirectory();
            Directory.CreateDirectory(_directory);
            foreach (var file in Directory.GetFiles(Template.Value)) File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
        return new LiteDbStore(Path.Combine(_directory, "connect.db"), flushToDisk: false);
    }

    protected override void Close(IStore store) => ((LiteDbStore)store).Dispose();

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_directory!, recursive: true);
    }
}
