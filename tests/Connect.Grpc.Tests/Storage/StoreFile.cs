using LiteDB;

namespace Connect.Grpc.Tests.Storage;

/// <summary>
/// The LiteDB file of a stopped server, opened below the store: to write documents as an older layout (or a bulk
/// load) left them, which the store itself never does, since it derives its keys on every write.
/// </summary>
public static class StoreFile
{
    public static void Edit(string dataDirectory, Action<LiteDatabase> edit)
    {
        using var db = Open(Path.Combine(dataDirectory, "connect.db"));
        edit(db);
    }

    // Seen once under a fully loaded machine: the file still locked just after the server's host was disposed. A
    // stopped server lets go within moments; a file held for seconds is a real fault and still fails here.
    private static LiteDatabase Open(string file)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                return new LiteDatabase(file);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Rewrites every document of a collection that <paramref name="change"/> changes (true).</summary>
    public static void Change(this LiteDatabase db, string collection, Func<BsonDocument, bool> change)
    {
        var documents = db.GetCollection(collection);
        foreach (var document in documents.FindAll().ToList())
        {
            if (change(document)) documents.Update(document);
        }
    }

    /// <summary>Sets the layout version of the derived keys, as an older release left it.</summary>
    public static void KeysVersion(this LiteDatabase db, string version) => db.Change("settings", setting =>
    {
        if (setting["_id"].AsString != "member-keys-version") return false;
        setting["Value"] = version;
        return true;
    });
}
