using Connect.V1;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Client;

/// <summary>
/// Application credentials: operators register the fund's internal apps, an organisation's administrators register
/// its partner integrations; secrets are shown once, rotated with an overlap, revoked for good.
/// </summary>
public sealed class ConnectApplicationClient(ApplicationService.ApplicationServiceClient client, ConnectCall call)
{
    /// <summary>Registers an application; the answer holds its first secret, shown this once.</summary>
    public Task<CreateApplicationResponse> CreateApplicationAsync(string displayName, ApplicationKind kind, IEnumerable<string> scopes,
        CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.CreateApplicationAsync(new() { DisplayName = displayName, Kind = kind, Scopes = { scopes } }, call.Options(cancellationToken)));

    /// <summary>The applications the caller manages: their organisation's partner integrations and, for operators, the internal apps.</summary>
    public async Task<IReadOnlyList<Application>> ListApplicationsAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ListApplicationsAsync(new(), call.Options(cancellationToken)))).Applications;

    /// <summary>One application.</summary>
    public async Task<Application> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.GetApplicationAsync(new() { ApplicationId = applicationId }, call.Options(cancellationToken)))).Application;

    /// <summary>A new secret, shown this once; the previous ones stay accepted for <paramref name="overlap"/> (24 hours when null).</summary>
    public Task<RotateApplicationSecretResponse> RotateApplicationSecretAsync(string applicationId, TimeSpan? overlap = null,
        CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.RotateApplicationSecretAsync(new()
        {
            ApplicationId = applicationId,
            Overlap = overlap is { } value ? Duration.FromTimeSpan(value) : null,
        }, call.Options(cancellationToken)));

    /// <summary>Revokes an application for good, with the reason for the audit log.</summary>
    public async Task<Application> RevokeApplicationAsync(string applicationId, string reason, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.RevokeApplicationAsync(new() { ApplicationId = applicationId, Reason = reason }, call.Options(cancellationToken))))
        .Application;

    /// <summary>Sets how an internal app signs people in with OpenID Connect (fund operators only); the URIs are matched exactly.</summary>
    public async Task<Application> UpdateApplicationSignInAsync(string applicationId, IEnumerable<string> redirectUris,
        IEnumerable<string> postLogoutRedirectUris, string? backchannelLogoutUri, CancellationToken cancellationToken = default)
    {
        var signIn = new ApplicationSignIn { BackchannelLogoutUri = backchannelLogoutUri ?? "" };
        signIn.RedirectUris.AddRange(redirectUris);
        signIn.PostLogoutRedirectUris.AddRange(postLogoutRedirectUris);
        return (await ConnectCall.Run(client.UpdateApplicationSignInAsync(new() { ApplicationId = applicationId, SignIn = signIn },
            call.Options(cancellationToken)))).Application;
    }
}
