namespace Connect.Grpc.Messaging;

/// <summary>
/// A generic HTTPS SMS gateway taking <c>{"to", "text", "sender"}</c> as a JSON POST.
/// Bound from <c>Connect:Messaging:Sms:Https</c>.
/// </summary>
public sealed class HttpsSmsGatewayOptions
{
    /// <summary>The endpoint; https, or http on a loopback address only. Default null.</summary>
    public Uri? Url { get; set; }

    /// <summary>The user for basic authentication; default null.</summary>
    public string? UserName { get; set; }

    /// <summary>The password for basic authentication; default null.</summary>
    public string? Password { get; set; }

    /// <summary>A bearer token; when set it is used instead of basic authentication. Default null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sender name or number shown on the phone; default null (the gateway's own).</summary>
    public string? Sender { get; set; }

    /// <summary>How long one POST may take before the attempt fails and is retried later; default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
