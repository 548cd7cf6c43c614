using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Tests.Messaging;

public sealed class MessagingRegistrationTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void WithoutConfiguration_EmailGoesToThePickupFolder_AndSmsToTheOutboxFolder()
    {
        using var services = ServiceProviders.Messaging(_data.Path, []);

        Assert.Equal(_data.Combine("mail-pickup"), Assert.IsType<PickupFolderEmailTransport>(services.GetRequiredService<IEmailTransport>()).Folder);
        Assert.Equal(_data.Combine("sms-outbox"), Assert.IsType<OutboxFolderSmsGateway>(services.GetRequiredService<ISmsGateway>()).Folder);
        Assert.IsType<OutboxWriter>(services.GetRequiredService<IMessageOutbox>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is OutboxDispatcher);
        var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        Assert.Equal("connect@localhost", options.FromAddress);
        Assert.Equal(587, options.Smtp.Port);
        Assert.Equal(SecureSocketOptions.StartTls, options.Smtp.SecureSocketOptions);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxRetryDelay);
    }

    [Fact]
    public void SmtpHostAndEmailGateway_AreTakenFromConfiguration()
    {
        using var services = ServiceProviders.Messaging(_data.Path, new()
        {
            ["Connect:Messaging:Smtp:Host"] = "smtp.example.ch",
            ["Connect:Messaging:Smtp:Port"] = "465",
            ["Connect:Messaging:Smtp:SecureSocketOptions"] = "SslOnConnect",
            ["Connect:Messaging:Sms:Gateway"] = "Email",
            ["Connect:Messaging:Sms:EmailDomain"] = "sms.example.ch",
            ["Connect:Messaging:PollInterval"] = "00:00:30",
        });

        Assert.IsType<SmtpEmailTransport>(services.GetRequiredService<IEmailTransport>());
        Assert.Equal("41791234567@sms.example.ch", Assert.IsType<EmailSmsGateway>(services.GetRequiredService<ISmsGateway>()).AddressFor("+41791234567"));
        var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        Assert.Equal(SecureSocketOptions.SslOnConnect, options.Smtp.SecureSocketOptions);
        Assert.Equal(465, options.Smtp.Port);
        Assert.Equal(TimeSpan.FromSeconds(30), options.PollInterval);
    }

    [Theory]
    [InlineData("Https", null)]
    [InlineData("Https", "http://sms.example.ch/send")]
    [InlineData("Email", null)]
    public void IncompleteGatewayConfiguration_IsRefused(string gateway, string? url)
    {
        using var services = ServiceProviders.Messaging(_data.Path, new()
        {
            ["Connect:Messaging:Sms:Gateway"] = gateway,
            ["Connect:Messaging:Sms:Https:Url"] = url,
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MessagingOptions>>().Value);
    }

    [Theory]
    [InlineData("00:00:00", null)]
    [InlineData("00:01:00", "smtp.example.ch")]
    public void LeaseDuration_NotPositive_OrNotLongerThanTheSmtpTimeout_IsRefused(string lease, string? smtpHost)
    {
        using var services = ServiceProviders.Messaging(_data.Path, new()
        {
            ["Connect:Messaging:LeaseDuration"] = lease,
            ["Connect:Messaging:Smtp:Host"] = smtpHost,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MessagingOptions>>().Value);
        Assert.Contains("LeaseDuration", refused.Message);
    }

    [Fact]
    public void SupportTexts_CanBeOverriddenForOneLanguage_KeepingTheOtherDefaults()
    {
        using var services = ServiceProviders.Messaging(_data.Path, new()
        {
            ["Connect:Support:Hours:DE"] = "Mo–Fr, 8–12 Uhr",
            ["Connect:Support:Email"] = "support@example.ch",
        });

        var support = services.GetRequiredService<IOptions<SupportOptions>>().Value;
        Assert.Equal("Mo–Fr, 8–12 Uhr", support.HoursIn("de"));
        Assert.Equal("jours ouvrables, 7h30–16h00", support.HoursIn("fr"));
        Assert.Equal("Abteilung Beiträge", support.DepartmentIn("de"));
        Assert.Equal("support@example.ch", support.Email);
    }

    [Fact]
    public void SupportLanguages_ConfiguredReplaceTheDefault()
    {
        using var defaults = ServiceProviders.Messaging(_data.Path, new());
        Assert.Equal("Français, Deutsch, Italiano, English", defaults.GetRequiredService<IOptions<SupportOptions>>().Value.LanguageNames());

        using var services = ServiceProviders.Messaging(_data.Path, new()
        {
            ["Connect:Support:Languages:0"] = "DE",
            ["Connect:Support:Languages:1"] = "fr",
        });
        var support = services.GetRequiredService<IOptions<SupportOptions>>().Value;
        Assert.Equal(["de", "fr"], support.EffectiveLanguages);
        Assert.Equal("Deutsch, Français", support.LanguageNames());
    }
}
