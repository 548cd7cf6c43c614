using Connect.V1;

namespace Connect.Client;

/// <summary>
/// The current session (its token comes from the registered <see cref="ISessionTokenProvider"/>): who it is,
/// what it may see, its organisations, and the person's sessions. Internal apps that forward the token of
/// the person they serve use <see cref="ConnectAccessChecker"/> instead.
/// </summary>
public sealed class ConnectSessionClient(SessionService.SessionServiceClient client, ConnectCall call)
{
    /// <summary>Returns the session's person, organisation, administrator flag and topics.</summary>
    public Task<WhoAmIResponse> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.WhoAmIAsync(new(), call.Options(cancellationToken)));

    /// <summary>True when the session's person may see the topic in the session's organisation.</summary>
    public async Task<bool> CheckAccessAsync(string topicId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.CheckAccessAsync(new() { TopicId = topicId }, call.Options(cancellationToken)))).Allowed;

    /// <summary>Lists the person's active organisations.</summary>
    public Task<ListMyOrganizationsResponse> ListMyOrganizationsAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ListMyOrganizationsAsync(new(), call.Options(cancellationToken)));

    /// <summary>Moves to another organisation: returns the new session; the current token dies.</summary>
    public async Task<IssuedSession> SwitchOrganizationAsync(string organizationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.SwitchOrganizationAsync(new() { OrganizationId = organizationId }, call.Options(cancellationToken)))).Session;

    /// <summary>Ends the current session.</summary>
    public Task SignOutAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SignOutAsync(new(), call.Options(cancellationToken)));

    /// <summary>Ends every session of the person; returns how many ended.</summary>
    public async Task<int> SignOutEverywhereAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.SignOutEverywhereAsync(new(), call.Options(cancellationToken)))).EndedSessions;

    /// <summary>Lists the person's active sessions, newest first.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ListSessionsAsync(new(), call.Options(cancellationToken)))).Sessions;

    /// <summary>Ends one of the person's sessions.</summary>
    public Task RevokeSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.RevokeSessionAsync(new() { SessionId = sessionId }, call.Options(cancellationToken)));
}
