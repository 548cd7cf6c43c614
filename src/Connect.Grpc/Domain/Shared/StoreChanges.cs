namespace Connect.Grpc.Domain;

/// <summary>
/// The entities one committed write updated or deleted, of the kinds a cache holds (<see cref="Kinds"/>), and the
/// organisations whose member list it changed (<see cref="MemberLists"/>): what the cache must forget. Inserts of
/// entities are not listed (a cache holds only what was read, and a new entity was never read), but a new membership
/// changes its organisation's member pages.
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

    /// <summary>The letter of a member list change, whose id is the organisation's.</summary>
    public const char MemberLists = 'l';

    private List<(char Kind, string Id)>? _changed;

    /// <summary>Each change as its kind's letter and the entity's id, in the order made.</summary>
    public IReadOnlyList<(char Kind, string Id)> All => _changed ?? [];

    public bool IsEmpty => _changed is null;

    /// <summary>Notes that the write changed or removed the entity; any other kind is not cached and not kept.</summary>
    private void Changed<T>(string id) where T : Entity
    {
        if (Kinds.TryGetValue(typeof(T), out var kind)) (_changed ??= []).Add((kind, id));
    }

    /// <summary>Notes an insert: only a membership's counts (its organisation's member list).</summary>
    public void Inserted<T>(T entity) where T : Entity
    {
        if (entity is Membership membership) MemberListChanged(membership.OrganizationId);
    }

    /// <summary>Notes an update; a membership's also changes its organisation's member list (a new state, a person's new name).</summary>
    public void Updated<T>(T entity) where T : Entity
    {
        Changed<T>(entity.Id);
        if (entity is Membership membership) MemberListChanged(membership.OrganizationId);
    }

    /// <summary>Notes a delete, before it is made: a membership is read for its organisation.</summary>
    public void Deleting<T>(string id, IStoreReader reader) where T : Entity
    {
        Changed<T>(id);
        if (typeof(T) == typeof(Membership) && reader.Get<Membership>(id) is { } membership) MemberListChanged(membership.OrganizationId);
    }

    private void MemberListChanged(string organizationId) => (_changed ??= []).Add((MemberLists, organizationId));

    /// <summary>Notes a change read from a notice; false for a letter this version does not know.</summary>
    public bool Changed(char kind, string id)
    {
        if (kind != MemberLists && !Kinds.Values.Contains(kind)) return false;
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
