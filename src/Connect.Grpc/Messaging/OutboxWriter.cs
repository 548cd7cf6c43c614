using Connect.Grpc.Domain;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Renders a message and stores it in the caller's write; it is delivered only after that write committed,
/// and retried until delivered, so neither a rolled-back change nor an SMTP outage mis-sends or loses it.
/// </summary>
public sealed class OutboxWriter(TimeProvider timeProvider, OutboxSignal signal, IOptions<SupportOptions> support) : IMessageOutbox
{
    public void Enqueue(IStoreWriter transaction, Message message) => Store(transaction, message, decoy: false);

    public void EnqueueDecoy(IStoreWriter transaction, Message message) => Store(transaction, message, decoy: true);

    private void Store(IStoreWriter transaction, Message message, bool decoy)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var rendered = MessageTexts.Render(message, support.Value, now);
        transaction.Insert(new OutboxMessage
        {
            Channel = rendered.Channel,
            To = rendered.To,
            Subject = rendered.Subject,
            Body = rendered.Body,
            CreatedAt = now,
            DueAt = now,
            Decoy = decoy,
        });
    }

    public void Notify() => signal.Notify();
}
