using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>
/// For internal apps: asks Connect, for the person an app is serving, who they are and whether they may see a topic.
/// The person's session token is passed per call, never taken from an <see cref="ISessionTokenProvider"/>, so one
/// instance serves every request. With the app's own <see cref="ConnectClientOptions.ClientId"/> and
/// <see cref="ConnectClientOptions.ClientSecret"/> (scope <c>access.check</c>), the call is the app's and the person's
/// token travels as <c>session_token</c>; without them, the person's token is the call's <c>authorization</c>.
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
    private readonly bool _asApplication;

    internal ConnectAccessChecker(ForwardingSessionClient client, ConnectCall call, IOptions<ConnectClientOptions> options)
    {
        _client = client;
        _call = call;
        _asApplication = options.Value.HasApplicationCredentials;
    }

    /// <summary>True when the person of <paramref name="sessionToken"/> may see <paramref name="topicId"/>.</summary>
    /// <exception cref="ConnectClientException">
    /// UNAUTHENTICATED with <c>SESSION_INVALID</c> when the token is not a live session; with an application reason
    /// (<c>APPLICATION_CREDENTIALS_INVALID</c>, <c>ACCESS_TOKEN_INVALID</c>, <c>SCOPE_NOT_GRANTED</c>, …) when Connect refuses the app itself.
    /// </exception>
    public async Task<bool> CheckAccessAsync(string sessionToken, string topicId, CancellationToken cancellationToken = default) =>
        (await CheckTopicAsync(sessionToken, topicId, cancellationToken).ConfigureAwait(false)).Allowed;

    /// <summary>As <see cref="CheckAccessAsync"/>, with the person's and the organisation's ids.</summary>
    /// <exception cref="ConnectClientException">As for <see cref="CheckAccessAsync"/>.</exception>
    public Task<CheckAccessResponse> CheckTopicAsync(string sessionToken, string topicId, CancellationToken cancellationToken = default)
    {
        var request = new CheckAccessRequest { TopicId = topicId };
        if (_asApplication) request.SessionToken = sessionToken;
        return ConnectCall.Run(_client.CheckAccessAsync(request, Options(sessionToken, cancellationToken)));
    }

    /// <summary>The person, organisation, administrator flag and topics of <paramref name="sessionToken"/>.</summary>
    /// <exception cref="ConnectClientException">As for <see cref="CheckAccessAsync"/>.</exception>
    public Task<WhoAmIResponse> WhoAmIAsync(string sessionToken, CancellationToken cancellationToken = default)
    {
        var request = new WhoAmIRequest();
        if (_asApplication) request.SessionToken = sessionToken;
        return ConnectCall.Run(_client.WhoAmIAsync(request, Options(sessionToken, cancellationToken)));
    }

    private CallOptions Options(string sessionToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionToken);
        var options = _call.Options(cancellationToken);
        // The app's own token comes from the channel's call credentials; without one, the person's token authorises the call.
        return _asApplication ? options : options.WithHeaders(new Metadata { { "authorization", "Bearer " + sessionToken } });
    }
}

/// <summary>The session service without the ambient person: <see cref="ConnectAccessChecker"/> sends the token it is given.</summary>
internal sealed class ForwardingSessionClient(CallInvoker invoker) : SessionService.SessionServiceClient(invoker);
