using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using MailKit.Security;

namespace Connect.Grpc.Tests.Messaging;

public sealed class OutboxSmtpTests : IDisposable
{
    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    private SmtpEmailTransport Smtp(int port, string? user = null, string? password = null)
    {
        _h.Options.Smtp = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            SecureSocketOptions = SecureSocketOptions.None,
            UserName = user,
            Password = password,
        };
        return new SmtpEmailTransport(_h.Options);
    }

    [Fact]
    public async Task EmailCode_IsDeliveredOverSmtp_WithTheCodeInTheBody_AndTheBodyErasedAfterwards()
    {
        await using var server = await SmtpTestServer.StartAsync(FreePort.Next());
        var dispatcher = _h.Dispatcher(Smtp(server.Port, "connect-relay", "relay-secret"));
        var queued = _h.Enqueue(new EmailCodeEmail("anna.muster@example.ch", "de", "482913", "https://connect.example.ch/verify?t=abc", _h.Now.AddMinutes(10)));
        Assert.Contains("482913", queued.Body);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));

        var received = await server.WaitForMessageAsync();
        Assert.Equal("anna.muster@example.ch", received.To.Mailboxes.Single().Address);
        Assert.Equal("connect@localhost", received.From.Mailboxes.Single().Address);
        Assert.Equal("connect: Ihr Bestätigungscode", received.Subject);
        Assert.Contains("Code: 482913", received.TextBody);
        Assert.Contains("https://connect.example.ch/verify?t=abc", received.TextBody);
        Assert.Contains("10 Minuten", received.TextBody);
        Assert.Contains(("connect-relay", "relay-secret"), server.Logins);

        var stored = _h.Get(queued.Id);
        Assert.Equal("", stored.Body);
        Assert.Null(stored.DueAt);
        Assert.Equal(_h.Now, stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.LastError);
        Assert.Equal("anna.muster@example.ch", stored.To);

        // Delivered means gone from the due range: a second pass finds nothing.
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.DoesNotContain(_h.Log.Lines, l => l.Contains("482913") || l.Contains("anna.muster"));
    }

    [Fact]
    public async Task SmtpOutage_KeepsTheMessageDue_AndItIsDeliveredAfterTheRetryDelay()
    {
        var port = FreePort.Next();
        var dispatcher = _h.Dispatcher(Smtp(port));
        var queued = _h.Enqueue(new InvitationEmail("chef@beispiel.ch", "fr", "Boulangerie Dupont SA", "ABCD-EFGH-JKLM-NPQR", "https://connect.example.ch/register", _h.Now.AddDays(14)));

        // Nobody listens on the port.
        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));
        var failed = _h.Get(queued.Id);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.LastError);
        Assert.StartsWith("SocketException", failed.LastError);
        Assert.Equal(_h.Now + _h.Options.FirstRetryDelay, failed.DueAt);
        Assert.Contains("ABCD-EFGH-JKLM-NPQR", failed.Body);
        Assert.Null(failed.SentAt);

        // Not due yet: nothing is tried before the delay.
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None));

        await using var server = await SmtpTestServer.StartAsync(port);
        _h.Time.Advance(_h.Options.FirstRetryDelay);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));

        var received = await server.WaitForMessageAsync();
        Assert.Contains("Code d'accès : ABCD-EFGH-JKLM-NPQR", received.TextBody);
        var delivered = _h.Get(queued.Id);
        Assert.Equal(2, delivered.Attempts);
        Assert.Null(delivered.DueAt);
        Assert.Null(delivered.LastError);
        Assert.Equal("", delivered.Body);
        Assert.DoesNotContain(_h.Log.Lines, l => l.Contains("ABCD-EFGH") || l.Contains("chef@beispiel.ch"));
    }

    [Fact]
    public async Task EmailToSms_SendsToTheNumbersDigitsAtTheGatewayDomain()
    {
        await using var server = await SmtpTestServer.StartAsync(FreePort.Next());
        var gateway = new EmailSmsGateway(Smtp(server.Port), "sms.example.ch");
        var dispatcher = _h.Dispatcher(gateway);
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "it", "705112"));

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var received = await server.WaitForMessageAsync();
        Assert.Equal("41791234567@sms.example.ch", received.To.Mailboxes.Single().Address);
        Assert.StartsWith("Il Suo codice connect: 705112.", received.TextBody);
        Assert.Null(_h.Get(queued.Id).DueAt);
    }
}
