namespace Connect.Grpc.Messaging;

/// <summary>
/// Sends each SMS as an e-mail to <c>&lt;E.164 digits&gt;@&lt;domain&gt;</c>, the form e-mail-to-SMS gateways take,
/// through the configured e-mail transport.
/// </summary>
public sealed class EmailSmsGateway(IEmailTransport email, string domain) : ISmsGateway
{
    public Task SendAsync(SmsToSend sms, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailToSend(sms.Id, AddressFor(sms.To), "", sms.Text, sms.CreatedAt), cancellationToken);

    public string AddressFor(string e164) => string.Concat(e164.Where(char.IsAsciiDigit)) + "@" + domain;
}
