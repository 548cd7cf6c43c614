namespace Connect.Grpc.Domain;

/// <summary>
/// The sessions and memberships one committed write updated or deleted: what a cache of resolved sessions must forget.
/// Inserts are not listed: a cache holds only what was read, and a new entity was never read.
/// </summary>
public sealed class StoreChanges
{
    private List<string>? _sessionIds;
    private List<string>? _membershipIds;

    public IReadOnlyList<string> SessionIds => _sessionIds ?? [];
    public IReadOnlyList<string> MembershipIds => _membershipIds ?? [];
    public bool IsEmpty => _sessionIds is null && _membershipIds is null;

    /// <summary>Notes that the write changed or removed the entity; any other kind is not cached and not kept.</summary>
    public void Changed<T>(string id) where T : Entity
    {
        if (typeof(T) == typeof(Session)) (_sessionIds ??= []).Add(id);
        else if (typeof(T) == typeof(Membership)) (_membershipIds ??= []).Add(id);
    }
}

/// <summary>Told by the store after every write that committed changes (in the writing process, before the write returns).</summary>
public interface IStoreChangeListener
{
    void Committed(StoreChanges changes);

    /// <summary>Forget everything: changes may have been missed (another replica's, while they could not be heard).</summary>
    void Reset();
}
