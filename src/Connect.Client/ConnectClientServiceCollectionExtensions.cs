using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client.Balancer;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>Registers Connect's typed clients.</summary>
public static class ConnectClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the typed clients (<see cref="ConnectRegistrationClient"/>, <see cref="ConnectSignInClient"/>,
    /// <see cref="ConnectSessionClient"/>, <see cref="ConnectAccountClient"/>, <see cref="ConnectMemberClient"/>,
    /// <see cref="ConnectActivationClient"/>, <see cref="ConnectOrganizationClient"/>, <see cref="ConnectAuditClient"/>,
    /// <see cref="ConnectSupportClient"/>, <see cref="ConnectApplicationClient"/>) and <see cref="ConnectAccessChecker"/>.
    /// <para>
    /// Who calls: with <see cref="ConnectClientOptions.ClientId"/> and <see cref="ConnectClientOptions.ClientSecret"/>, every
    /// call carries the application's access token (exchanged, cached and renewed by the library). Without them, when an
    /// <see cref="ISessionTokenProvider"/> is registered, the typed clients' calls carry its token. Both at once are refused
    /// when the options are first used (at start in a host).
    /// </para>
    /// <para>
    /// Every call has the <see cref="ConnectClientOptions.Deadline"/>; calls that change nothing are repeated up to 3 times
    /// on <c>UNAVAILABLE</c>, changes never. With several <see cref="ConnectClientOptions.Addresses"/>, calls go round robin
    /// to the servers that answer, and a repeated call goes to the next one.
    /// </para>
    /// </summary>
    /// <example><code>services.AddConnectClient(o => o.Address = new Uri("http://127.0.0.1:50051"));</code></example>
    public static IServiceCollection AddConnectClient(this IServiceCollection services, Action<ConnectClientOptions>? configure = null)
    {
        var options = services.AddOptions<ConnectClientOptions>().ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectClientOptions>, ConnectClientOptionsValidation>());
        services.TryAddSingleton<ConnectCall>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApplicationTokenSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ResolverFactory, ConnectAddressesResolverFactory>());

        AddGrpc<RegistrationService.RegistrationServiceClient>(services);
        AddGrpc<OrganizationService.OrganizationServiceClient>(services);
        AddGrpc<InvitationService.InvitationServiceClient>(services);
        AddGrpc<SupportService.SupportServiceClient>(services);
        AddGrpc<SignInService.SignInServiceClient>(services);
        AddGrpc<SessionService.SessionServiceClient>(services);
        AddGrpc<AccountService.AccountServiceClient>(services);
        AddGrpc<MemberService.MemberServiceClient>(services);
        AddGrpc<ActivationService.ActivationServiceClient>(services);
        AddGrpc<AuditService.AuditServiceClient>(services);
        AddGrpc<ApplicationService.ApplicationServiceClient>(services);
        // Types of their own, so that they never take the place of the clients that carry the caller's token:
        // the access checker sends the person's token it is given, the exchange sends the secret.
        AddGrpc<ForwardingSessionClient>(services, Caller.ApplicationOnly);
        AddGrpc<TokenExchangeClient>(services, Caller.Nobody);

        services.TryAddTransient<ConnectRegistrationClient>();
        services.TryAddTransient<ConnectOrganizationClient>();
        services.TryAddTransient<ConnectSupportClient>();
        services.TryAddTransient<ConnectSignInClient>();
        services.TryAddTransient<ConnectSessionClient>();
        services.TryAddTransient<ConnectAccountClient>();
        services.TryAddTransient<ConnectMemberClient>();
        services.TryAddTransient<ConnectActivationClient>();
        services.TryAddTransient<ConnectAuditClient>();
        services.TryAddTransient<ConnectApplicationClient>();
        services.TryAddTransient(provider => new ConnectAccessChecker(
            provider.GetRequiredService<ForwardingSessionClient>(),
            provider.GetRequiredService<ConnectCall>(),
            provider.GetRequiredService<IOptions<ConnectClientOptions>>()));
        services.TryAddSingleton<ConnectTopicGuard>();
        return services;
    }

    /// <summary>
    /// Registers the typed clients as <see cref="AddConnectClient(IServiceCollection, Action{ConnectClientOptions}?)"/> does,
    /// with the options bound from <paramref name="configuration"/> (keys <c>Address</c> or <c>Addresses:0</c>, <c>Addresses:1</c>, …, <c>Deadline</c>, <c>ClientId</c>,
    /// <c>ClientSecret</c>, <c>SessionCookieName</c>), then <paramref name="configure"/>.
    /// </summary>
    /// <example><code>builder.Services.AddConnectClient(builder.Configuration.GetSection("Connect"));</code></example>
    public static IServiceCollection AddConnectClient(this IServiceCollection services, IConfiguration configuration,
        Action<ConnectClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectClientOptions>().Bind(configuration);
        return services.AddConnectClient(configure);
    }

    private enum Caller
    {
        /// <summary>The application when it has credentials, else the person of the <see cref="ISessionTokenProvider"/>.</summary>
        ApplicationOrPerson,
        ApplicationOnly,
        Nobody,
    }

    private static void AddGrpc<TClient>(IServiceCollection services, Caller caller = Caller.ApplicationOrPerson) where TClient : class
    {
        var client = services.AddGrpcClient<TClient>((provider, factory) =>
                factory.Address = ConnectEndpoints.ChannelAddress(provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value))
            .ConfigureChannel((provider, channel) =>
            {
                channel.ServiceConfig = ConnectRetryPolicy.ServiceConfig();
                // Connect listens without TLS on loopback and behind a TLS-terminating proxy.
                channel.UnsafeUseInsecureChannelCallCredentials = true;
                ConnectEndpoints.Configure(channel, provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value);
            });
        if (caller == Caller.Nobody) return;
        client.AddCallCredentials(async (context, metadata, provider) =>
        {
            var token = provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value.HasApplicationCredentials
                ? await provider.GetRequiredService<ApplicationTokenSource>().GetAsync(context.CancellationToken).ConfigureAwait(false)
                : caller == Caller.ApplicationOrPerson ? provider.GetService<ISessionTokenProvider>()?.GetSessionToken() : null;
            if (!string.IsNullOrEmpty(token)) metadata.Add("authorization", "Bearer " + token);
        });
    }
}
