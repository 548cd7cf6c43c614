namespace Connect.Grpc.Messaging;

/// <summary>
/// How Connect delivers e-mail and SMS. Bound from <c>Connect:Messaging</c>; with no configuration at all,
/// e-mail goes to a pickup folder and SMS to an outbox folder under the data directory.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Connect:Messaging";

    /// <summary>The sender's address; default <c>connect@localhost</c>.</summary>
    public string FromAddress { get; set; } = "connect@localhost";

    /// <summary>The sender's display name; default <c>Connect</c>.</summary>
    public string FromName { get; set; } = "Connect";

    /// <summary>The SMTP server; with no <see cref="SmtpOptions.Host"/>, e-mail goes to <see cref="PickupDirectory"/>.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where e-mail is written as <c>.eml</c> files when no SMTP host is set; default <c>&lt;data directory&gt;/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How SMS leave Connect; default: JSON files in an outbox folder.</summary>
    public SmsOptions Sms { get; set; } = new();

    /// <summary>How often the dispatcher looks for due messages when nobody woke it; default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failed delivery, doubled after each further failure; default 10 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two delivery attempts; default 15 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a dispatcher holds a message it claimed for delivery; default 2 minutes. Longer than one delivery may
    /// take: when it ends, another replica's dispatcher may deliver the message again (decision 0032).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many due messages one dispatch pass reads; default 50.</summary>
    public int BatchSize { get; set; } = 50;

    public string ResolvePickupDirectory(string dataDirectory) =>
        PickupDirectory ?? Path.Combine(dataDirectory, "mail-pickup");
}
