using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// Times every unary and server-streaming call and records it with its gRPC status and, on failure, the
/// <c>ErrorInfo</c> reason. It runs outside <see cref="Services.ErrorInterceptor"/>, so it sees the status the caller
/// receives. ASP.NET Core's own <c>http.server.request.duration</c> cannot tell these apart: a gRPC call answers
/// HTTP 200 and carries its status in the trailers. Durations come from <see cref="Stopwatch"/>, never from the
/// injected clock, which tests replace.
/// </summary>
internal sealed class RpcMetricsInterceptor(ConnectMetrics metrics) : Interceptor
{
    private readonly ConcurrentDictionary<string, (string Service, string Method)> _names = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!metrics.RpcDurationEnabled) return await continuation(request, context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            Record(context, started, null);
            return response;
        }
        catch (Exception exception)
        {
            Record(context, started, exception);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!metrics.RpcDurationEnabled)
        {
            await continuation(request, responseStream, context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await continuation(request, responseStream, context);
            Record(context, started, null);
        }
        catch (Exception exception)
        {
            Record(context, started, exception);
            throw;
        }
    }

    private void Record(ServerCallContext context, long started, Exception? exception)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (service, method) = _names.GetOrAdd(context.Method, Split);
        var (code, reason) = exception switch
        {
            null => (context.Status.StatusCode, null),
            RpcException rpc => (rpc.StatusCode, rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason),
            OperationCanceledException => (StatusCode.Cancelled, null),
            _ => (StatusCode.Unknown, (string?)null),
        };
        metrics.RpcCompleted(service, method, (int)code, reason, elapsed);
    }

    /// <summary><c>/connect.v1.SignInService/StartSignIn</c> into its service and method.</summary>
    private static (string Service, string Method) Split(string fullMethod)
    {
        var path = fullMethod.TrimStart('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? (path, "") : (path[..slash], path[(slash + 1)..]);
    }
}
