using MimeKit;

namespace Connect.Grpc.Messaging;

/// <summary>Builds the MIME form of an outbox e-mail, the same for SMTP and the pickup folder.</summary>
public static class MimeMessages
{
    public static MimeMessage Create(EmailToSend email, MessagingOptions options)
    {
        var from = new MailboxAddress(options.FromName, options.FromAddress);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = new DateTimeOffset(DateTime.SpecifyKind(email.CreatedAt, DateTimeKind.Utc)),
            // Derived from the outbox id, so a message delivered twice after a crash is recognisably the same.
            MessageId = email.Id + "@" + Domain(from.Address),
            Body = new TextPart("plain") { Text = email.Body },
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    private static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }
}
