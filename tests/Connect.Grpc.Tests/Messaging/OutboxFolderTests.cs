using System.Text.Json;
using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using MimeKit;

namespace Connect.Grpc.Tests.Messaging;

public sealed class OutboxFolderTests : IDisposable
{
    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task PickupFolder_WritesOneEmlPerMessage_ThatMimeKitParses()
    {
        var folder = _h.Directory.Combine("mail-pickup");
        var dispatcher = _h.Dispatcher(new PickupFolderEmailTransport(folder, _h.Options));
        // 22:30 UTC on 31 March is 00:30 on 1 April in Zurich (summer time).
        var queued = _h.Enqueue(new InvitationEmail("marie@exemple.ch", "fr", "Fiduciaire Léman Sàrl", "ABCD-EFGH-JKLM-NPQR", "https://connect.example.ch/register", new DateTime(2026, 3, 31, 22, 30, 0, DateTimeKind.Utc)));

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var file = Path.Combine(folder, queued.Id + ".eml");
        Assert.Equal([file], Directory.GetFiles(folder));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Invitation à connect – Fiduciaire Léman Sàrl", message.Subject);
        Assert.Equal("marie@exemple.ch", message.To.Mailboxes.Single().Address);
        Assert.Equal(new MailboxAddress("Connect", "connect@localhost"), message.From.Mailboxes.Single());
        Assert.Equal(queued.Id + "@localhost", message.MessageId);
        Assert.Contains("Code d'accès : ABCD-EFGH-JKLM-NPQR", message.TextBody);
        Assert.Contains("https://connect.example.ch/register", message.TextBody);
        Assert.Contains("valable jusqu'au 01.04.2026", message.TextBody);
        Assert.Contains("Département Contributions", message.TextBody);
        // 7-bit clean on disk, whatever reads the folder.
        Assert.All(await File.ReadAllBytesAsync(file), b => Assert.True(b < 128));
        Assert.Equal("", _h.Get(queued.Id).Body);
    }

    [Fact]
    public async Task SmsOutbox_WritesOneJsonFilePerSms()
    {
        var folder = _h.Directory.Combine("sms-outbox");
        var dispatcher = _h.Dispatcher(new OutboxFolderSmsGateway(folder));
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "fr", "123456"));

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var file = Path.Combine(folder, queued.Id + ".json");
        Assert.Equal([file], Directory.GetFiles(folder));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal("+41791234567", json.RootElement.GetProperty("to").GetString());
        Assert.Equal("Votre code connect : 123456. Valable 10 minutes. Ne le communiquez à personne.", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(_h.Now, json.RootElement.GetProperty("createdAt").GetDateTime().ToUniversalTime());
        var stored = _h.Get(queued.Id);
        Assert.Equal(MessageChannel.Sms, stored.Channel);
        Assert.Equal("", stored.Body);
        Assert.Null(stored.DueAt);
    }

    [Fact]
    public void RolledBackWrite_LeavesNoMessage()
    {
        Assert.Throws<InvalidOperationException>(() => _h.Store.Write<int>(w =>
        {
            _h.Writer.Enqueue(w, new PhoneCodeSms("+41791234567", "fr", "123456"));
            throw new InvalidOperationException("the flow failed after enqueuing");
        }));
        Assert.Empty(_h.All());
    }

    [Fact]
    public async Task HostedDispatcher_DeliversAtOnceWhenNotified_WithoutWaitingForThePoll()
    {
        _h.Options.PollInterval = TimeSpan.FromHours(1);
        var folder = _h.Directory.Combine("sms-outbox");
        using var dispatcher = _h.Dispatcher(new PickupFolderEmailTransport(_h.Directory.Combine("mail"), _h.Options),
            new OutboxFolderSmsGateway(folder), TimeProvider.System);
        await dispatcher.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "en", "246810"));
        _h.Writer.Notify();

        var file = Path.Combine(folder, queued.Id + ".json");
        for (var i = 0; i < 100 && !File.Exists(file); i++) await Task.Delay(50);
        Assert.True(File.Exists(file));
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task HostedDispatcher_PicksUpUnnotifiedMessages_AtThePollInterval()
    {
        _h.Options.PollInterval = TimeSpan.FromSeconds(5);
        var folder = _h.Directory.Combine("sms-outbox");
        using var dispatcher = _h.Dispatcher(new OutboxFolderSmsGateway(folder));
        await dispatcher.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "en", "135790"));
        var file = Path.Combine(folder, queued.Id + ".json");
        // The fake clock drives the poll; advance until the waiting dispatcher has seen it.
        for (var i = 0; i < 100 && !File.Exists(file); i++)
        {
            _h.Time.Advance(_h.Options.PollInterval);
            await Task.Delay(50);
        }
        Assert.True(File.Exists(file));
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void RetryDelay_DoublesFromTheFirstDelay_AndStopsAtTheMaximum()
    {
        var dispatcher = _h.Dispatcher(new OutboxFolderSmsGateway(_h.Directory.Combine("sms")));
        Assert.Equal(TimeSpan.FromSeconds(10), dispatcher.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(20), dispatcher.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(40), dispatcher.RetryDelay(3));
        Assert.Equal(TimeSpan.FromMinutes(15), dispatcher.RetryDelay(8));
        Assert.Equal(TimeSpan.FromMinutes(15), dispatcher.RetryDelay(100_000));
    }
}
