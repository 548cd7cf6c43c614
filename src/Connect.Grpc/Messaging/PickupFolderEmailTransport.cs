using MimeKit;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Writes each e-mail as <c>&lt;id&gt;.eml</c> into a folder, for machines without SMTP: a person or a relay
/// picks them up from there.
/// </summary>
public sealed class PickupFolderEmailTransport(string directory, MessagingOptions options) : IEmailTransport
{
    public string Folder { get; } = directory;

    public Task SendAsync(EmailToSend email, CancellationToken cancellationToken)
    {
        var message = MimeMessages.Create(email, options);
        // SMTP would choose transfer encodings on sending; a file must be 7-bit clean by itself.
        message.Prepare(EncodingConstraint.SevenBit);
        return AtomicFile.WriteAsync(Folder, email.Id + ".eml",
            (stream, ct) => message.WriteToAsync(stream, ct), cancellationToken);
    }
}
