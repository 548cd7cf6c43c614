using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Connect.Grpc.Messaging;

/// <summary>Refuses at start-up a configuration that could only fail at the first message.</summary>
public sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.FromAddress, out _))
            failures.Add("Connect:Messaging:FromAddress is not an e-mail address.");
        if (options.Smtp.Host is not null && options.Smtp.Port is < 1 or > 65535)
            failures.Add("Connect:Messaging:Smtp:Port must be between 1 and 65535.");
        if (options.Smtp.Timeout <= TimeSpan.Zero)
            failures.Add("Connect:Messaging:Smtp:Timeout must be positive.");
        if (options.PollInterval <= TimeSpan.Zero)
            failures.Add("Connect:Messaging:PollInterval must be positive.");
        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
            failures.Add("Connect:Messaging:FirstRetryDelay must be positive and MaxRetryDelay at least as long.");
        if (options.LeaseDuration <= TimeSpan.Zero)
            failures.Add("Connect:Messaging:LeaseDuration must be positive.");
        // A lease that ends while its holder still waits for the transport lets another replica send the message again.
        if (options.Smtp.Host is not null && options.LeaseDuration <= options.Smtp.Timeout)
            failures.Add("Connect:Messaging:LeaseDuration must be longer than Connect:Messaging:Smtp:Timeout.");
        if (options.Sms.Gateway == SmsGatewayKind.Https && options.LeaseDuration <= options.Sms.Https.Timeout)
            failures.Add("Connect:Messaging:LeaseDuration must be longer than Connect:Messaging:Sms:Https:Timeout.");
        if (options.BatchSize < 1)
            failures.Add("Connect:Messaging:BatchSize must be at least 1.");

        switch (options.Sms.Gateway)
        {
            case SmsGatewayKind.Https:
                ValidateHttps(options.Sms.Https, failures);
                break;
            case SmsGatewayKind.Email when string.IsNullOrWhiteSpace(options.Sms.EmailDomain):
                failures.Add("Connect:Messaging:Sms:EmailDomain is required for the Email SMS gateway.");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateHttps(HttpsSmsGatewayOptions https, List<string> failures)
    {
        // Credentials and codes travel in the request: plain http is allowed only when it never leaves the machine.
        if (https.Url is not { IsAbsoluteUri: true } url
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))))
            failures.Add("Connect:Messaging:Sms:Https:Url must be an absolute https URL (http only on a loopback address).");
        if (https.Timeout <= TimeSpan.Zero)
            failures.Add("Connect:Messaging:Sms:Https:Timeout must be positive.");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
