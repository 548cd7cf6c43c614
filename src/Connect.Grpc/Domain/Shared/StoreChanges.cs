namespace Connect.Grpc.Domain;

/// <summary>
/// The entities one committed write updated or deleted, of the kinds a cache holds (<see cref="Kinds"/>): what the
/// cache must forget. Inserts are not listed: a cache holds only what was read, and a new entity was never read.
/// </summary>
public sealed class StoreChanges
{
    /// <summary>The kinds kept, each with the letter that names it in a notice to other replicas.</summary>
    public static readonly IReadOnlyDictionary<Type, char> Kinds = new Dictionary<Type, char>
    {
        [typeof(Session)] = 's',
        [typeof(Membership)] = 'm',
        [typeof(Person)] = 'p',
        [typeof(Organization)] = 'o',
    };

    private List<(char Kind, string Id)>? _changed;

    /// <summary>Each change as its kind's letter and the entity's id, in the order made.</summary>
    public IReadOnlyList<(char Kind, string Id)> All => _changed ?? [];

    public bool IsEmpty => _changed is null;

    /// <summary>Notes that the write changed or removed the entity; any other kind is not cached and not kept.</summary>
    public void Changed<T>(string id) where T : Entity
    {
        if (Kinds.TryGetValue(typeof(T), out var kind)) (_changed ??= []).Add((kind, id));
    }

    /// <summary>Notes a change read from a notice; false for a letter this version does not know.</summary>
    public bool Changed(char kind, string id)
    {
        if (!Kinds.Values.Contains(kind)) return false;
        (_changed ??= []).Add((kind, id));
        return true;
    }
}

/// <summary>Told by the store after every write that committed changes (in the writing process, before the write returns).</summary>
public interface IStoreChangeListener
{
    void Committed(StoreChanges changes);

    /// <summary>Forget everything: changes may have been missed (another replica's, while they could not be heard).</summary>
    void Reset();
}
