using MailKit.Security;

namespace Connect.Grpc.Messaging;

/// <summary>The SMTP server e-mail is handed to. Bound from <c>Connect:Messaging:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host name; default null, which means "no SMTP: write to the pickup folder".</summary>
    public string? Host { get; set; }

    /// <summary>The server's port; default 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured; default <see cref="SecureSocketOptions.StartTls"/> (TLS required).</summary>
    public SecureSocketOptions SecureSocketOptions { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The user to authenticate as; default null (no authentication).</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>; default null.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP operation may take before the attempt fails and is retried later; default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
