namespace Connect.Grpc.Messaging;

/// <summary>An SMS to hand over; <see cref="To"/> is E.164, <see cref="Id"/> the outbox message's id.</summary>
public sealed record SmsToSend(string Id, string To, string Text, DateTime CreatedAt);

/// <summary>Hands SMS over to whatever delivers them. Throws when it could not; the outbox then retries.</summary>
public interface ISmsGateway
{
    Task SendAsync(SmsToSend sms, CancellationToken cancellationToken);
}
