using System.Security.Claims;
using Connect.Grpc.Domain;
using Connect.Grpc.Services;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Connect.Grpc.Hosting;

/// <summary>
/// The OpenID provider on the server's HTTP endpoint (decision 0046), through OpenIddict without stores of its own
/// (its degraded mode): the clients are Connect's applications, checked by <see cref="ApplicationAuthentication"/>.
/// This part serves discovery, the JWKS and the token endpoint's client-credentials grant: an application exchanges
/// its client id and secret for a signed JWT access token that any app validates against the JWKS.
/// </summary>
internal static class OpenIdProvider
{
    public const string TokenPath = "connect/token";

    /// <summary>Where the token request's validation leaves the application and secret it authenticated.</summary>
    private const string AuthenticatedKey = "connect:authenticated_application";

    /// <summary>The audience of the access tokens Connect issues to applications.</summary>
    public const string Audience = "connect";

    public static void AddConnectOpenIdProvider(this IServiceCollection services, IConfiguration connect)
    {
        services.AddOptions<OpenIdOptions>().Bind(connect.GetSection("OpenId"))
            .Validate(o => o.Issuer.IsAbsoluteUri && o.Issuer.Scheme is "http" or "https", "Connect:OpenId:Issuer must be an absolute http or https URL.")
            .ValidateOnStart();
        services.AddSingleton<OpenIdKeys>();
        var issuer = connect.GetSection("OpenId").Get<OpenIdOptions>()?.Issuer ?? new OpenIdOptions().Issuer;
        services.AddAuthentication();
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuer);
            server.SetTokenEndpointUris(TokenPath);
            server.AllowClientCredentialsFlow();
            server.EnableDegradedMode();
            // Apps validate access tokens themselves against the JWKS: signed, not encrypted.
            server.DisableAccessTokenEncryption();
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseSingletonHandler<ClientCredentialsCheck>());
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseSingletonHandler<ClientCredentialsGrant>());
            var aspNetCore = server.UseAspNetCore();
            // Behind a proxy that ends TLS the issuer is https; plain http only where the issuer says so (development).
            if (issuer.Scheme == Uri.UriSchemeHttp) aspNetCore.DisableTransportSecurityRequirement();
        });
        services.AddOptions<OpenIddictServerOptions>().Configure<OpenIdKeys, IOptions<ApplicationOptions>>((options, keys, applications) =>
        {
            var (signing, encryption, keyId) = keys.Load();
            options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(signing) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(new SymmetricSecurityKey(encryption) { KeyId = keyId + "-enc" },
                SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            options.AccessTokenLifetime = applications.Value.TokenLifetime;
        });
        services.AddSingleton<ClientCredentialsCheck>();
        services.AddSingleton<ClientCredentialsGrant>();
    }

    /// <summary>Only requests for the provider's paths go through OpenIddict: gRPC calls never meet it.</summary>
    public static void UseConnectOpenIdProvider(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/.well-known") || context.Request.Path.StartsWithSegments("/connect"),
            branch => branch.UseAuthentication());
        // A WebApplication puts the authentication middleware in front of every request when a scheme is registered,
        // unless it is told the middleware is placed (the key UseAuthentication sets, here on the branch's copy only).
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
    }

    /// <summary>The client id and secret of a token request are a live credential of a Connect application.</summary>
    internal sealed class ClientCredentialsCheck(ApplicationAuthentication applications) : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>
    {
        public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
        {
            if (!context.Request.IsClientCredentialsGrantType())
            {
                context.Reject(Errors.UnsupportedGrantType, "Only the client_credentials grant is served.");
                return default;
            }
            try
            {
                // Kept for the grant below, so that the credential is checked (read and hashed) once per request.
                context.Transaction.Properties[AuthenticatedKey] = applications.Authenticate(context.ClientId, context.Request.ClientSecret);
            }
            catch (ConnectException)
            {
                context.Reject(Errors.InvalidClient, "The client id and secret are not a valid credential.");
            }
            return default;
        }
    }

    /// <summary>The access token's claims: the application (as subject and client), its organisation and scopes.</summary>
    internal sealed class ClientCredentialsGrant(ApplicationAuthentication applications) : IOpenIddictServerHandler<OpenIddictServerEvents.HandleTokenRequestContext>
    {
        public ValueTask HandleAsync(OpenIddictServerEvents.HandleTokenRequestContext context)
        {
            var (application, secret) = (ValueTuple<Application, ApplicationSecret>)context.Transaction.Properties[AuthenticatedKey]!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, application.ClientId);
            identity.SetClaim(Claims.ClientId, application.ClientId);
            identity.SetClaim(Claims.Name, application.DisplayName);
            if (application.OrganizationId is { } organization) identity.SetClaim("organization_id", organization);
            identity.SetScopes(application.Scopes);
            identity.SetAudiences(Audience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            context.SignIn(new ClaimsPrincipal(identity));
            var request = context.Transaction.GetHttpRequest();
            applications.AuditOpenIdToken(Caller.Anonymous(request?.HttpContext.Connection.RemoteIpAddress?.ToString(), request?.Headers.UserAgent.ToString()),
                application, secret);
            return default;
        }
    }
}
