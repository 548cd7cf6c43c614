namespace Connect.Grpc.Messaging;

/// <summary>An e-mail to hand over; <see cref="Id"/> is the outbox message's id.</summary>
public sealed record EmailToSend(string Id, string To, string Subject, string Body, DateTime CreatedAt);

/// <summary>Hands e-mail over to whatever delivers it. Throws when it could not; the outbox then retries.</summary>
public interface IEmailTransport
{
    Task SendAsync(EmailToSend email, CancellationToken cancellationToken);
}
