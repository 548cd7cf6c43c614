using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Testing;

/// <summary>A registered application's credential as its owner received it (the secret is shown once).</summary>
public sealed record AppCredential(string ApplicationId, string ClientId, string ClientSecret, string OrganizationId);

/// <summary>Registers applications and exchanges their secrets for access tokens, over the real API.</summary>
public sealed class ApplicationDriver(GrpcChannel channel)
{
    public ApplicationService.ApplicationServiceClient Applications { get; } = new(channel);

    /// <summary>A partner integration of the administrator's organisation with <paramref name="scopes"/> (both user scopes when none).</summary>
    public async Task<AppCredential> Partner(RegisteredAdmin admin, string name = "Payroll Pro", params string[] scopes)
    {
        var created = await Applications.CreateApplicationAsync(new CreateApplicationRequest
        {
            DisplayName = name,
            Kind = ApplicationKind.Partner,
            Scopes = { scopes.Length == 0 ? ["users.read", "users.write"] : scopes },
        }, MemberDriver.As(admin));
        return new(created.Application.Id, created.Application.ClientId, created.ClientSecret, created.Application.OrganizationId);
    }

    /// <summary>An internal app with <c>access.check</c>, registered by an operator.</summary>
    public async Task<AppCredential> Internal(string operatorToken, string name = "Contributions app")
    {
        var created = await Applications.CreateApplicationAsync(new CreateApplicationRequest
        {
            DisplayName = name,
            Kind = ApplicationKind.Internal,
            Scopes = { "access.check" },
        }, RpcAssert.Bearer(operatorToken));
        return new(created.Application.Id, created.Application.ClientId, created.ClientSecret, "");
    }

    /// <summary>An access token for the credential.</summary>
    public async Task<string> Token(AppCredential credential) =>
        (await Applications.CreateApplicationTokenAsync(new() { ClientId = credential.ClientId, ClientSecret = credential.ClientSecret })).AccessToken;

    /// <summary>Call options carrying an application's access token.</summary>
    public static Metadata As(string accessToken) => RpcAssert.Bearer(accessToken);
}
