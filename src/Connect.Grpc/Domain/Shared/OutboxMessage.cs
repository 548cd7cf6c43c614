namespace Connect.Grpc.Domain;

public enum MessageChannel { Email = 1, Sms = 2 }

/// <summary>A message waiting to be (or already) handed to SMTP or the SMS gateway.</summary>
public sealed class OutboxMessage : Entity
{
    public MessageChannel Channel { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>Erased once delivered: it may carry a code.</summary>
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When to try next (while leased: when the lease ends); null once delivered or given up.</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>
    /// The dispatcher that claimed the message for delivery, until its lease (<see cref="DueAt"/>) ends; null when
    /// nobody holds it. Only the holder may record the outcome (decision 0032).
    /// </summary>
    public string? LeasedBy { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// A message to nobody: rendered and stored like a real one, so that a door answering an unknown address does the
    /// same work as for a known one (decision 0019). The dispatcher deletes it unsent.
    /// </summary>
    public bool Decoy { get; set; }

    /// <summary>
    /// Derived key, stored with every write: the channel while the message waits to be delivered, else null, so that
    /// the outbox depth per channel is an indexed count of waiting messages only.
    /// </summary>
    public MessageChannel? WaitingChannel => DueAt is null ? null : Channel;
}
