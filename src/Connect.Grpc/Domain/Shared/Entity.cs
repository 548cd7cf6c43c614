namespace Connect.Grpc.Domain;

/// <summary>Anything the store keeps; ids are time-ordered so that ordering by id is ordering by creation.</summary>
public abstract class Entity
{
    public string Id { get; set; } = Ids.New();
}

public static class Ids
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    /// <summary>
    /// A version-7 GUID in hex: sortable by creation time, unguessable enough for ids (never for secrets). Within one
    /// millisecond a version-7 GUID is random, so an id that would not sort after the previous one is the previous plus
    /// one: ids of this process strictly increase, and "newest first" holds even for events of one transaction.
    /// </summary>
    public static string New()
    {
        var value = UInt128.Parse(Guid.CreateVersion7().ToString("N"), System.Globalization.NumberStyles.AllowHexSpecifier,
            System.Globalization.CultureInfo.InvariantCulture);
        lock (Gate)
        {
            _last = value > _last ? value : _last + 1;
            return _last.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
