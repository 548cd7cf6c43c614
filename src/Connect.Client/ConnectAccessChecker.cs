using Connect.V1;
using Grpc.Core;

namespace Connect.Client;

/// <summary>
/// For internal apps: forwards the token of the person an app is serving and asks Connect who they are and
/// whether they may see a topic. The token is passed per call, never taken from an
/// <see cref="ISessionTokenProvider"/>, so one instance serves every request.
/// </summary>
/// <example>
/// <code>
/// if (!await access.CheckAccessAsync(tokenFromRequest, "contributions", ct)) return Results.Forbid();
/// </code>
/// </example>
public sealed class ConnectAccessChecker
{
    private readonly SessionService.SessionServiceClient _client;
    private readonly ConnectCall _call;

    internal ConnectAccessChecker(ForwardingSessionClient client, ConnectCall call)
    {
        _client = client;
        _call = call;
    }

    /// <summary>True when the person of <paramref name="sessionToken"/> may see <paramref name="topicId"/>.</summary>
    /// <exception cref="ConnectClientException">UNAUTHENTICATED with <c>SESSION_INVALID</c> when the token is not a live session.</exception>
    public async Task<bool> CheckAccessAsync(string sessionToken, string topicId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(_client.CheckAccessAsync(new() { TopicId = topicId }, Options(sessionToken, cancellationToken)))).Allowed;

    /// <summary>The person, organisation, administrator flag and topics of <paramref name="sessionToken"/>.</summary>
    public Task<WhoAmIResponse> WhoAmIAsync(string sessionToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(_client.WhoAmIAsync(new(), Options(sessionToken, cancellationToken)));

    private CallOptions Options(string sessionToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionToken);
        return _call.Options(cancellationToken).WithHeaders(new Metadata { { "authorization", "Bearer " + sessionToken } });
    }
}

/// <summary>The session service without the ambient token: <see cref="ConnectAccessChecker"/> sends the token it is given.</summary>
internal sealed class ForwardingSessionClient(CallInvoker invoker) : SessionService.SessionServiceClient(invoker);
