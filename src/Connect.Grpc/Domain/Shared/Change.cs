namespace Connect.Grpc.Domain;

/// <summary>
/// One write in progress: the store's transaction, and what the change causes besides, committed with it: audit events,
/// messages for the outbox, and a refusal that must be answered only once the write's other effects (a failed attempt
/// counted, say) are committed. Made by <see cref="UnitOfWork.Write{T}"/> only.
/// </summary>
internal sealed class Change(IStoreWriter store, Audit audit, IMessageOutbox outbox)
{
    /// <summary>The transaction: every read and write of the change goes through it.</summary>
    public IStoreWriter Store { get; } = store;

    /// <summary>Whether a message was queued, so that the outbox is woken after the commit.</summary>
    public bool Sent { get; private set; }

    /// <summary>The refusal to throw once the write has committed; null when the change succeeded.</summary>
    public ConnectException? Refusal { get; private set; }

    /// <summary>Records an audit event in this write.</summary>
    public void Audit(Caller caller, string action, string? organizationId, string targetType, string targetId,
        Dictionary<string, string>? details = null) =>
        audit.Record(Store, caller, action, organizationId, targetType, targetId, details);

    /// <summary>Queues <paramref name="message"/> in this write: it exists exactly when the change was committed.</summary>
    public void Send(Message message)
    {
        outbox.Enqueue(Store, message);
        Sent = true;
    }

    /// <summary>Queues <paramref name="message"/> as a decoy (see <see cref="IMessageOutbox.EnqueueDecoy"/>); it wakes the outbox like a real one.</summary>
    public void SendDecoy(Message message)
    {
        outbox.EnqueueDecoy(Store, message);
        Sent = true;
    }

    /// <summary>
    /// Refuses the call while keeping what this write did so far: the write commits, then <paramref name="refusal"/> is
    /// thrown. Throwing inside the write instead rolls everything back. Returns a placeholder for the write's result,
    /// which nobody sees.
    /// </summary>
    public T Refuse<T>(ConnectException refusal)
    {
        Refuse(refusal);
        return default!;
    }

    /// <inheritdoc cref="Refuse{T}"/>
    public void Refuse(ConnectException refusal)
    {
        if (Refusal is not null) throw new InvalidOperationException("A change is refused once.");
        Refusal = refusal;
    }
}
