using Connect.V1;
using Grpc.Core;
using Grpc.Net.ClientFactory;
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
    /// <see cref="ConnectSupportClient"/>, <see cref="ConnectApplicationClient"/>) and <see cref="ConnectAccessChecker"/>. When an
    /// <see cref="ISessionTokenProvider"/> is registered, the typed clients' calls carry its token as
    /// <c>authorization: Bearer …</c>; <see cref="ConnectAccessChecker"/> sends the token it is given.
    /// </summary>
    /// <example><code>services.AddConnectClient(o => o.Address = new Uri("http://127.0.0.1:50051"));</code></example>
    public static IServiceCollection AddConnectClient(this IServiceCollection services, Action<ConnectClientOptions>? configure = null)
    {
        var options = services.AddOptions<ConnectClientOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<ConnectCall>();

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
        // A type of its own, so that it never takes the place of the SessionServiceClient that carries the ambient token.
        services.AddGrpcClient<ForwardingSessionClient>((provider, factory) =>
            factory.Address = provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value.Address);

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
        services.TryAddTransient(provider =>
            new ConnectAccessChecker(provider.GetRequiredService<ForwardingSessionClient>(), provider.GetRequiredService<ConnectCall>()));
        return services;
    }

    private static void AddGrpc<TClient>(IServiceCollection services) where TClient : class =>
        services.AddGrpcClient<TClient>((provider, factory) =>
                factory.Address = provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value.Address)
            .AddCallCredentials((context, metadata, provider) =>
            {
                var token = provider.GetService<ISessionTokenProvider>()?.GetSessionToken();
                if (!string.IsNullOrEmpty(token)) metadata.Add("authorization", "Bearer " + token);
                return Task.CompletedTask;
            })
            .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
}
