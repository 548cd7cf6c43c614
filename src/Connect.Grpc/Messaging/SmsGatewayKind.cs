namespace Connect.Grpc.Messaging;

/// <summary>Where SMS go.</summary>
public enum SmsGatewayKind
{
    /// <summary>One JSON file per SMS in a local folder, for development and for machines without a gateway.</summary>
    Outbox,

    /// <summary>A JSON POST to an HTTPS gateway.</summary>
    Https,

    /// <summary>An e-mail to <c>&lt;E.164 digits&gt;@&lt;domain&gt;</c> through the e-mail transport.</summary>
    Email,
}
