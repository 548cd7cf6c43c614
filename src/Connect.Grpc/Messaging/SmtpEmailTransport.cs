using MailKit.Net.Smtp;

namespace Connect.Grpc.Messaging;

/// <summary>Hands e-mail to an SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpEmailTransport(MessagingOptions options) : IEmailTransport
{
    public async Task SendAsync(EmailToSend email, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        var message = MimeMessages.Create(email, options);
        // A fresh connection each time: messages are few, and a broken connection never outlives one attempt.
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var host = smtp.Host ?? throw new InvalidOperationException("No SMTP host is configured.");
        await client.ConnectAsync(host, smtp.Port, smtp.SecureSocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The server accepted the message; failing now would send it a second time.
        }
    }
}
