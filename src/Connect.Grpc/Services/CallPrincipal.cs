using Connect.Grpc.Domain;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>
/// Who is calling, as <see cref="AccessInterceptor"/> resolved it from the RPC's declared access before the service
/// ran. Services read it from their <see cref="ServerCallContext"/>; they never resolve a caller themselves.
/// </summary>
internal sealed record CallPrincipal(Caller Caller)
{
    public SessionInfo? Session { get; init; }
    public OperatorPrincipal? Operator { get; init; }
    public AdministratorPrincipal? Administrator { get; init; }
}

/// <summary>The resolved principal of a call, kept in the call's user state.</summary>
internal static class CallPrincipalContext
{
    private static readonly object Key = typeof(CallPrincipal);

    public static void SetPrincipal(this ServerCallContext context, CallPrincipal principal) => context.UserState[Key] = principal;

    public static Caller Caller(this ServerCallContext context) => Principal(context).Caller;

    public static SessionInfo Session(this ServerCallContext context) => Principal(context).Session ?? throw Undeclared(context, "a session");

    public static OperatorPrincipal Operator(this ServerCallContext context) => Principal(context).Operator ?? throw Undeclared(context, "an operator");

    public static AdministratorPrincipal Administrator(this ServerCallContext context) =>
        Principal(context).Administrator ?? throw Undeclared(context, "an administrator");

    private static CallPrincipal Principal(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var principal) && principal is CallPrincipal resolved
            ? resolved
            : throw new InvalidOperationException($"{context.Method} ran without AccessInterceptor.");

    /// <summary>A service asking for more than its RPC declares: a programming error, answered INTERNAL.</summary>
    private static InvalidOperationException Undeclared(ServerCallContext context, string what) =>
        new($"{context.Method} asks for {what}, which its declared access does not give.");
}
