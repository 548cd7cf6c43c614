using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>Reads the caller from a call: the client address, the user agent and, where required, the bearer session.</summary>
internal sealed class CallerResolver(Sessions sessions)
{
    /// <summary>A trusted proxy (the console) names the browser's user agent here; a user agent is only ever a hint.</summary>
    private const string ForwardedUserAgent = "x-forwarded-user-agent";

    public static Caller Anonymous(ServerCallContext context) =>
        Caller.Anonymous(ClientAddress(context), context.RequestHeaders.GetValue(ForwardedUserAgent) ?? context.RequestHeaders.GetValue("user-agent"));

    /// <summary>The session of the <c>authorization: Bearer</c> metadata, or UNAUTHENTICATED.</summary>
    public (Caller Caller, SessionInfo Session) Session(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header))
            throw new ConnectException(ErrorReason.SessionRequired, "This call needs a session token: authorization: Bearer <token>.");
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new ConnectException(ErrorReason.SessionInvalid, "The authorization metadata must be 'Bearer <token>'.");
        var session = sessions.Resolve(header[scheme.Length..].Trim());
        return (Anonymous(context) with { PersonId = session.PersonId, OrganizationId = session.OrganizationId }, session);
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
