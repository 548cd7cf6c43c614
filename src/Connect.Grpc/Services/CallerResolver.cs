using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>
/// Applies an RPC's declared <see cref="Access"/> to what its caller presented: the bearer of the <c>authorization</c>
/// metadata (a person's session token or an application's access token) and, where declared, a session token an
/// internal app forwards. A bearer is always resolved before the declared caller is checked, so an unknown token
/// answers as unknown (<c>SESSION_INVALID</c>, <c>ACCESS_TOKEN_INVALID</c>) whatever the RPC needs.
/// </summary>
internal sealed class CallerResolver(Func<string, SessionInfo> sessions, Func<string, ApplicationPrincipal> applications)
{
    /// <summary>A trusted proxy (the console) names the browser's user agent here; a user agent is only ever a hint.</summary>
    private const string ForwardedUserAgent = "x-forwarded-user-agent";

    public CallerResolver(Sessions sessions, ApplicationAuthentication applications) : this(sessions.Resolve, applications.Resolve)
    {
    }

    /// <summary>The call's principal, or the refusal that the declared access gives this caller.</summary>
    public CallPrincipal Resolve(Access access, Caller anonymous, string? authorization, string? forwardedSessionToken)
    {
        switch (access.Caller)
        {
            case AccessCaller.Anonymous:
                return new CallPrincipal(anonymous);
            case AccessCaller.Session when access.Scopes.Count > 0 && !string.IsNullOrEmpty(forwardedSessionToken):
            {
                // An internal app asks about the person it serves; its own token needs the scope.
                var application = Application(Bearer(authorization), access.Scopes[0]);
                return new CallPrincipal(ApplicationAuthentication.As(anonymous, application)) { Session = sessions(forwardedSessionToken) };
            }
            case AccessCaller.Session:
            {
                var (caller, session) = PersonSession(anonymous, Bearer(authorization));
                return new CallPrincipal(caller) { Session = session };
            }
            case AccessCaller.Administrator:
            {
                var bearer = Bearer(authorization);
                var (caller, session) = access.Scopes.Count > 0 && ApplicationAuthentication.IsAccessToken(bearer)
                    ? OrganizationApplication(anonymous, bearer, access.Scopes[0])
                    : PersonSession(anonymous, bearer);
                return new CallPrincipal(caller) { Session = session, Administrator = AdministratorPrincipal.Require(caller, session) };
            }
            case AccessCaller.Operator:
            {
                var (caller, session) = PersonSession(anonymous, Bearer(authorization));
                return new CallPrincipal(caller) { Session = session, Operator = OperatorPrincipal.Require(caller, session) };
            }
            default:
                // DeclaredAccess refuses to start with such a declaration; never let one through.
                throw new InvalidOperationException($"Access caller {access.Caller} is not known.");
        }
    }

    public static Caller Anonymous(ServerCallContext context) =>
        Caller.Anonymous(ClientAddress(context), context.RequestHeaders.GetValue(ForwardedUserAgent) ?? context.RequestHeaders.GetValue("user-agent"));

    /// <summary>A person's session, or UNAUTHENTICATED; an application's token is resolved, then refused.</summary>
    private (Caller Caller, SessionInfo Session) PersonSession(Caller anonymous, string bearer)
    {
        if (ApplicationAuthentication.IsAccessToken(bearer))
        {
            applications(bearer);
            throw ApplicationPrincipal.ScopeNotGranted(null);
        }
        var session = sessions(bearer);
        return (anonymous with { PersonId = session.PersonId, OrganizationId = session.OrganizationId }, session);
    }

    /// <summary>A partner integration acting in its organisation (audited under the application's name).</summary>
    private (Caller Caller, SessionInfo Session) OrganizationApplication(Caller anonymous, string bearer, string scope)
    {
        var principal = applications(bearer);
        return (ApplicationAuthentication.As(anonymous, principal), principal.AsOrganizationSession(scope));
    }

    /// <summary>An application's access token with <paramref name="scope"/>; a person's session is resolved, then PERMISSION_DENIED <c>SCOPE_NOT_GRANTED</c>.</summary>
    private ApplicationPrincipal Application(string bearer, string scope)
    {
        if (!ApplicationAuthentication.IsAccessToken(bearer))
        {
            sessions(bearer);
            throw ApplicationPrincipal.ScopeNotGranted(scope);
        }
        return applications(bearer).Require(scope);
    }

    /// <summary>The bearer of the <c>authorization</c> metadata: a session token or an application's access token.</summary>
    private static string Bearer(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            throw new ConnectException(ErrorReason.SessionRequired, "This call needs a session or access token: authorization: Bearer <token>.");
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new ConnectException(ErrorReason.SessionInvalid, "The authorization metadata must be 'Bearer <token>'.");
        return header[scheme.Length..].Trim();
    }

    /// <summary>The connection's address, or the one a known proxy forwarded (UseForwardedHeaders has applied it).</summary>
    private static string? ClientAddress(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.Connection.RemoteIpAddress?.ToString() ?? context.Peer;
    }
}
