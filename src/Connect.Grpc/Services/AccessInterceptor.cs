using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Services;

/// <summary>
/// Enforces each RPC's declared <c>(connect.v1.access)</c> before the service runs, and hands the resolved
/// <see cref="CallPrincipal"/> to the service through its context. Runs inside <see cref="ErrorInterceptor"/>, so
/// a refusal becomes the same status and reason it always was; the REST routes pass through it too.
/// </summary>
internal sealed class AccessInterceptor(DeclaredAccess declared, CallerResolver callers) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(null, context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(null, context);
        return continuation(requestStream, responseStream, context);
    }

    private void Check(object? request, ServerCallContext context)
    {
        var declaration = declared.Of(context.Method);
        if (declaration is null) return;
        var (access, sessionTokenField) = declaration.Value;
        var forwarded = sessionTokenField is not null && request is IMessage message ? sessionTokenField.Accessor.GetValue(message) as string : null;
        var principal = callers.Resolve(access, CallerResolver.Anonymous(context), context.RequestHeaders.GetValue("authorization"), forwarded);
        if (principal.Session is { PasskeyEnrollmentRequired: true } && !EnrollmentCalls.Contains(context.Method))
            throw PasskeyPolicies.Required("A passkey policy covers the person, who has none yet: this session may only add one.");
        context.SetPrincipal(principal);
    }

    /// <summary>What a session may call while a passkey policy waits for the person's first passkey: add it, read the account, sign out.</summary>
    private static readonly HashSet<string> EnrollmentCalls = new(StringComparer.Ordinal)
    {
        "/connect.v1.AccountService/GetAccount",
        "/connect.v1.AccountService/ListPasskeys",
        "/connect.v1.AccountService/StartPasskeyRegistration",
        "/connect.v1.AccountService/FinishPasskeyRegistration",
        "/connect.v1.SessionService/WhoAmI",
        "/connect.v1.SessionService/ListMyOrganizations",
        "/connect.v1.SessionService/SignOut",
        "/connect.v1.SessionService/SignOutEverywhere",
    };
}
