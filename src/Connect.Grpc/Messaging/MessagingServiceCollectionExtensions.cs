using Connect.Grpc.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox (<see cref="IMessageOutbox"/>), the e-mail transport and SMS gateway that
    /// <c>Connect:Messaging</c> selects, the support contact from <c>Connect:Support</c>, and the hosted dispatcher.
    /// The caller registers <see cref="TimeProvider"/> and <see cref="IStore"/>.
    /// </summary>
    /// <param name="services">The server's services.</param>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="dataDirectory">Where the default pickup and SMS outbox folders go.</param>
    public static IServiceCollection AddConnectMessaging(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName));

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IMessageOutbox, OutboxWriter>();

        // Chosen when first resolved, so options changed after this call (tests, post-configuration) still count.
        services.AddSingleton<IEmailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            return options.Smtp.Host is null
                ? new PickupFolderEmailTransport(options.ResolvePickupDirectory(dataDirectory), options)
                : new SmtpEmailTransport(options);
        });
        services.AddSingleton<ISmsGateway>(sp =>
        {
            var sms = sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Sms;
            return sms.Gateway switch
            {
                SmsGatewayKind.Https => new HttpsSmsGateway(sp.GetRequiredService<IHttpClientFactory>(), sms.Https),
                SmsGatewayKind.Email => new EmailSmsGateway(sp.GetRequiredService<IEmailTransport>(),
                    sms.EmailDomain ?? throw new InvalidOperationException("Connect:Messaging:Sms:EmailDomain is not set.")),
                _ => new OutboxFolderSmsGateway(sms.ResolveOutboxDirectory(dataDirectory)),
            };
        });
        services.AddHttpClient(HttpsSmsGateway.HttpClientName);

        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
