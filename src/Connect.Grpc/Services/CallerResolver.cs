using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>Reads the caller from a call: the client address, the user agent and, where required, the bearer session or application.</summary>
internal sealed class CallerResolver(Sessions sessions, ApplicationAuthentication applications)
{
    /// <summary>A trusted proxy (the console) names the browser's user agent here; a user agent is only ever a hint.</summary>
    private const string ForwardedUserAgent = "x-forwarded-user-agent";

    public static Caller Anonymous(ServerCallContext context) =>
        Caller.Anonymous(ClientAddress(context), context.RequestHeaders.GetValue(ForwardedUserAgent) ?? context.RequestHeaders.GetValue("user-agent"));

    /// <summary>A person's session from the <c>authorization: Bearer</c> metadata, or UNAUTHENTICATED; an application is refused.</summary>
    public (Caller Caller, SessionInfo Session) Session(ServerCallContext context)
    {
        var bearer = Bearer(context);
        if (ApplicationAuthentication.IsAccessToken(bearer))
        {
            applications.Resolve(bearer);
            throw ApplicationPrincipal.ScopeNotGranted(null);
        }
        return PersonSession(context, bearer);
    }

    /// <summary>
    /// A person's session, or a partner integration's access token with <paramref name="scope"/>, acting in its
    /// organisation (audited under the application's name).
    /// </summary>
    public (Caller Caller, SessionInfo Session) SessionOrApplication(ServerCallContext context, string scope)
    {
        var bearer = Bearer(context);
        if (!ApplicationAuthentication.IsAccessToken(bearer)) return PersonSession(context, bearer);
        var principal = applications.Resolve(bearer);
        return (ApplicationAuthentication.As(Anonymous(context), principal), principal.AsOrganizationSession(scope));
    }

    /// <summary>An application's access token with <paramref name="scope"/>; a person's session is PERMISSION_DENIED <c>SCOPE_NOT_GRANTED</c>.</summary>
    public ApplicationPrincipal Application(ServerCallContext context, string scope)
    {
        var bearer = Bearer(context);
        if (!ApplicationAuthentication.IsAccessToken(bearer))
        {
            sessions.Resolve(bearer);
            throw ApplicationPrincipal.ScopeNotGranted(scope);
        }
        return applications.Resolve(bearer).Require(scope);
    }

    /// <summary>
    /// The session a call asks about: <paramref name="forwardedToken"/> when an internal app (scope <c>access.check</c>)
    /// forwards the token of the person it serves, else the call's own session.
    /// </summary>
    public SessionInfo AskedSession(ServerCallContext context, string forwardedToken)
    {
        if (string.IsNullOrEmpty(forwardedToken)) return Session(context).Session;
        Application(context, ApplicationScopes.AccessCheck);
        return sessions.Resolve(forwardedToken);
    }

    private (Caller Caller, SessionInfo Session) PersonSession(ServerCallContext context, string bearer)
    {
        var session = sessions.Resolve(bearer);
        return (Anonymous(context) with { PersonId = session.PersonId, OrganizationId = session.OrganizationId }, session);
    }

    /// <summary>The bearer of the <c>authorization</c> metadata: a session token or an application's access token.</summary>
    private static string Bearer(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header))
            throw new ConnectException(ErrorReason.SessionRequired, "This call needs a session or access token: authorization: Bearer <token>.");
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new ConnectException(ErrorReason.SessionInvalid, "The authorization metadata must be 'Bearer <token>'.");
        return header[scheme.Length..].Trim();
    }

    /// <summary>A fund operator's session, or UNAUTHENTICATED / PERMISSION_DENIED.</summary>
    public Caller Operator(ServerCallContext context)
    {
        var (caller, session) = Session(context);
        Domain.Sessions.RequireOperator(session);
        return caller;
    }

    /// <summary>The connection's address, or the one a known proxy forwarded (UseForwardedHeaders has applied it).</summary>
    private static string? ClientAddress(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.Connection.RemoteIpAddress?.ToString() ?? context.Peer;
    }
}
