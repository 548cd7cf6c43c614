namespace Connect.Grpc.Domain;

/// <summary>
/// The one way the flows write (decision 0021): a change, its audit events and its messages commit in one transaction;
/// the outbox is woken after the commit when a message was queued; a refusal the change recorded is thrown after the
/// commit. Reads go to <see cref="IStore.Read{T}"/> directly.
/// </summary>
internal sealed class UnitOfWork(IStore store, Audit audit, IMessageOutbox outbox)
{
    /// <summary>Runs <paramref name="write"/> as one transaction (never await inside); an exception rolls everything back.</summary>
    public T Write<T>(Func<Change, T> write)
    {
        Change? change = null;
        var result = store.Write(w =>
        {
            change = new Change(w, audit, outbox);
            return write(change);
        });
        if (change!.Sent) outbox.Notify();
        if (change.Refusal is not null) throw change.Refusal;
        return result;
    }

    /// <inheritdoc cref="Write{T}"/>
    public void Write(Action<Change> write) => Write(change =>
    {
        write(change);
        return 0;
    });
}
