using Connect.Grpc.Domain;
using Connect.Grpc.Letters;
using Connect.Grpc.Messaging;
using Connect.Grpc.Rest;
using Connect.Grpc.Security;
using Connect.Grpc.Services;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Grpc.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using LinkOptions = Connect.Grpc.Domain.LinkOptions;

namespace Connect.Grpc.Hosting;

/// <summary>Everything the server registers, in one place.</summary>
public static class ConnectServerServiceCollectionExtensions
{
    public static IServiceCollection AddConnectServer(this IServiceCollection services, IConfiguration configuration)
    {
        var connect = configuration.GetSection("Connect");
        services.AddOptions<StorageOptions>().Bind(connect.GetSection("Storage")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptions.Validator>();
        services.AddOptions<SecurityOptions>().Bind(connect.GetSection("Security"))
            .Validate(o => o.PasswordMemoryKiB >= 8 && o.PasswordIterations >= 1, "Password hashing cost is too low.")
            .Validate(o => o.AttemptsPerAddressPerMinute >= 1, "Connect:Security:AttemptsPerAddressPerMinute must be at least 1.")
            .Validate(o => o.CodeResendInterval >= TimeSpan.FromSeconds(1) && o.CodeResendInterval <= TimeSpan.FromHours(1),
                "Connect:Security:CodeResendInterval must be between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptions.ServerKeyValidator>();
        services.AddOptions<FundOptions>().Bind(connect.GetSection("Fund"));
        services.AddOptions<LinkOptions>().Bind(connect.GetSection("Links"))
            .Validate(o => Uri.TryCreate(o.ConsoleBaseUrl, UriKind.Absolute, out _), "Connect:Links:ConsoleBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<PhoneOptions>().Bind(connect.GetSection("Phone"));
        services.AddConnectOpenIdProvider(connect);
        services.AddOptions<PasskeyOptions>().Bind(connect.GetSection("Passkeys")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasskeyOptions>, PasskeyOptions.Validator>();
        services.AddSingleton(provider => new AcceptedAuthenticators(provider.GetRequiredService<IOptions<PasskeyOptions>>().Value.MetadataDirectory));
        services.AddSingleton<Fido2NetLib.IFido2>(provider =>
        {
            var accepted = provider.GetRequiredService<AcceptedAuthenticators>();
            var (relyingPartyId, origins) = provider.GetRequiredService<IOptions<PasskeyOptions>>().Value
                .Resolve(provider.GetRequiredService<IOptions<LinkOptions>>().Value.ConsoleBaseUrl);
            return new Fido2NetLib.Fido2(new Fido2NetLib.Fido2Configuration
            {
                RPID = relyingPartyId,
                RPName = provider.GetRequiredService<IOptions<PasskeyOptions>>().Value.RelyingPartyName,
                Origins = origins,
                Timeout = (uint)PasskeyCeremonies.ChallengeLifetime.TotalMilliseconds,
                ChallengeSize = 32,
            }, accepted.Restricted ? accepted : null);
        });

        services.AddOptions<NetworkOptions>().Configure(o => o.ReadFrom(connect.GetSection("Network"))).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptions.Validator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) => network.Value.Apply(forwarded));

        services.AddSingleton(TimeProvider.System);
        // The session cache hears every committed change of the store; on PostgreSQL other replicas' too (decision 0037).
        services.AddSingleton(provider => new SessionCache(
            sharedStore: provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSql));
        services.AddSingleton<IStoreChangeListener>(provider => provider.GetRequiredService<SessionCache>());
        services.AddHostedService<PostgresChangeListener>();
        // One PostgresStore (and so one connection pool) per process, for the store and the attempt counters alike.
        services.AddSingleton(provider => new PostgresStore(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!,
            provider.GetRequiredService<IStoreChangeListener>()));
        services.AddSingleton<IStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.PostgreSql
                ? provider.GetRequiredService<PostgresStore>()
                : new LiteDbStore(options.ResolveDatabaseFile(), options.FlushToDisk, provider.GetRequiredService<IStoreChangeListener>());
        });
        // Shared by all replicas on PostgreSQL, kept in this process on LiteDB (decision 0035).
        services.AddSingleton<IAttemptCounter>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSql
                ? new PostgresAttemptCounter(provider.GetRequiredService<PostgresStore>())
                : new MemoryAttemptCounter());
        services.AddSingleton(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var security = provider.GetRequiredService<IOptions<SecurityOptions>>().Value;
            // A key file is one machine's: replicas that share a database must share the key that hashes its lookups.
            if (storage.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(security.ServerKey))
                throw new InvalidOperationException("Connect:Storage:Provider is PostgreSql: set Connect:Security:ServerKey, the same on every replica.");
            return HashKey.From(security, storage.DataDirectory);
        });
        services.AddSingleton<Secrets>();
        services.AddSingleton<SecretBox>();
        services.AddSingleton<AuthenticatorCodes>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<PasswordPolicy>();

        services.AddSingleton<Audit>();
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<CodeChallenges>();
        services.AddSingleton<MobileNumbers>();
        services.AddSingleton<Organizations>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<RegistrationFlow>();
        services.AddSingleton<RegistrationAccessCodeStep>();
        services.AddSingleton<RegistrationEmailStep>();
        services.AddSingleton<RegistrationEmailCodeStep>();
        services.AddSingleton<RegistrationProfileStep>();
        services.AddSingleton<RegistrationExistingPersonStep>();
        services.AddSingleton<RegistrationPhoneStep>();
        services.AddSingleton<RegistrationPhoneCodeStep>();
        services.AddSingleton<RegistrationFinishStep>();
        services.AddSingleton<AddressThrottle>();
        services.AddSingleton<SignInLocks>();
        services.AddSingleton<SecondFactors>();
        services.AddSingleton<SignInFlow>();
        services.AddSingleton<SignInPasswordStep>();
        services.AddSingleton<SignInCodeStep>();
        services.AddSingleton<SignInSecondFactorStep>();
        services.AddSingleton<SignInOrganizationStep>();
        services.AddSingleton<SignInPasskeyStep>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton<PasskeyRegistration>();
        services.AddSingleton<PasskeyRemoval>();
        services.AddSingleton<PasswordResetStartStep>();
        services.AddSingleton<PasswordResetFinishStep>();
        services.AddSingleton<SessionFlow>();
        services.AddSingleton<AccountFlow>();
        services.AddSingleton<ProfileChange>();
        services.AddSingleton<PasswordChange>();
        services.AddSingleton<PhoneChange>();
        services.AddSingleton<AuthenticatorEnrollment>();
        services.AddSingleton<AuthenticatorRemoval>();
        services.AddSingleton<RecoveryCodeCreation>();
        services.AddSingleton<Activations>();
        services.AddSingleton<MemberDirectory>();
        services.AddSingleton<MemberOnboarding>();
        services.AddSingleton<MembershipInvitations>();
        services.AddSingleton<MemberChanges>();
        services.AddSingleton<SignInLockSupport>();
        services.AddSingleton<Bootstrap>();
        services.AddSingleton(p => new CallerResolver(p.GetRequiredService<Sessions>(), p.GetRequiredService<ApplicationAuthentication>()));
        // Built by hand: the container would fill its descriptor list with an empty one.
        services.AddSingleton(_ => new DeclaredAccess());
        services.AddSingleton<AccessInterceptor>();
        services.AddSingleton<TopicCatalogue>();
        services.AddSingleton<OrganizationChanges>();
        services.AddSingleton<OrganizationImport>();
        services.AddSingleton<PersonSearch>();
        services.AddSingleton<PersonSupport>();
        services.AddSingleton<SecondFactorReset>();
        services.AddSingleton<AuditSearch>();
        services.AddSingleton<ApplicationRegistry>();
        services.AddSingleton<ApplicationAuthentication>();
        services.AddOptions<ApplicationOptions>().Bind(connect.GetSection("Applications"))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero && o.SecretLifetime > TimeSpan.Zero && o.MaxActivePerOwner >= 1,
                "Connect:Applications lifetimes must be positive and MaxActivePerOwner at least 1.")
            .ValidateOnStart();
        services.AddOptions<AuditOptions>().Bind(connect.GetSection("Audit"))
            .Validate(o => o.MaxExportEvents >= 1 && o.MaxReadPerPage >= 1, "Connect:Audit limits must be at least 1.")
            .ValidateOnStart();

        var dataDirectory = connect.GetSection("Storage")["DataDirectory"] ?? new StorageOptions().DataDirectory;
        services.AddConnectMessaging(configuration, dataDirectory);
        services.AddConnectLetters(configuration);

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorInterceptor>();
            // Inside the error model, after the time fields' check: refusals answer as they always did.
            options.Interceptors.Add<AccessInterceptor>();
            options.MaxReceiveMessageSize = 1024 * 1024;
        })
        // An import file of 1 MiB travels with its framing; a larger one is refused by the import with its own reason.
        .AddServiceOptions<OrganizationGrpcService>(options => options.MaxReceiveMessageSize = OrganizationGrpcService.MaxReceiveMessageSize)
        .AddConnectRest();
        services.AddGrpcReflection();
        services.AddSingleton<StoreHealthCheck>();
        services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false).AddCheck<StoreHealthCheck>("store");
        services.AddConnectTelemetry(configuration);
        services.AddConnectLogging();
        services.TryAddSingleton<BootstrapOutput>();
        services.AddHostedService<BootstrapService>();
        // Last, after every AddGrpc: see there.
        services.AddGuardedGrpcMethods();
        return services;
    }

    public static WebApplication MapConnectServer(this WebApplication app)
    {
        // Reads every RPC's declared access now, so that one without stops the server at start.
        app.Services.GetRequiredService<DeclaredAccess>();
        app.UseForwardedHeaders();
        app.UseConnectOpenIdProvider();
        app.MapConnectRest();
        app.UseMiddleware<GrpcMessageSizeGuard>();
        app.MapGrpcService<RegistrationGrpcService>();
        app.MapGrpcService<OrganizationGrpcService>();
        app.MapGrpcService<InvitationGrpcService>();
        app.MapGrpcService<SupportGrpcService>();
        app.MapGrpcService<SignInGrpcService>();
        app.MapGrpcService<SessionGrpcService>();
        app.MapGrpcService<AccountGrpcService>();
        app.MapGrpcService<MemberGrpcService>();
        app.MapGrpcService<ActivationGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<ApplicationGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapConnectHealth();
        return app;
    }
}
