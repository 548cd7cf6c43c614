namespace Connect.Grpc.Messaging;

/// <summary>How SMS leave Connect. Bound from <c>Connect:Messaging:Sms</c>.</summary>
public sealed class SmsOptions
{
    /// <summary>The gateway; default <see cref="SmsGatewayKind.Outbox"/>.</summary>
    public SmsGatewayKind Gateway { get; set; } = SmsGatewayKind.Outbox;

    /// <summary>The folder of the outbox gateway; default <c>&lt;data directory&gt;/sms-outbox</c>.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>The HTTPS gateway, used when <see cref="Gateway"/> is <see cref="SmsGatewayKind.Https"/>.</summary>
    public HttpsSmsGatewayOptions Https { get; set; } = new();

    /// <summary>
    /// The domain of the e-mail-to-SMS gateway, used when <see cref="Gateway"/> is <see cref="SmsGatewayKind.Email"/>:
    /// an SMS to +41791234567 becomes an e-mail to <c>41791234567@domain</c>. Default null.
    /// </summary>
    public string? EmailDomain { get; set; }

    public string ResolveOutboxDirectory(string dataDirectory) =>
        OutboxDirectory ?? Path.Combine(dataDirectory, "sms-outbox");
}
