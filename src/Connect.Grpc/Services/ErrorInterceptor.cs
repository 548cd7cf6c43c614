using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Connect.Grpc.Services;

/// <summary>
/// The one error model: a <see cref="ConnectException"/> becomes a gRPC status with
/// <c>google.rpc.ErrorInfo</c> (and <c>BadRequest</c> / <c>RetryInfo</c> where they apply); anything else
/// becomes INTERNAL without details, logged for operators. Before the service runs, the request's times are checked
/// (<see cref="TimeFields"/>), so that no conversion of a caller's value can end in INTERNAL.
/// </summary>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public const string Domain = "connect";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            TimeFields.Check(request);
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    /// <summary>The same error model for a server stream (the audit export): an error before or between messages ends the stream with it.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            TimeFields.Check(request);
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ConnectException connect:
                return ToRpcException(connect);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                logger.LogError(exception, "Unexpected failure in {Method}", context.Method);
                return ToRpcException(new ConnectException(ErrorReason.Internal, "An unexpected error occurred; nothing was changed."));
        }
    }

    public static RpcException ToRpcException(ConnectException exception)
    {
        var info = new ErrorInfo { Reason = ErrorStatus.ReasonName(exception.Reason), Domain = Domain };
        foreach (var (key, value) in exception.Metadata) info.Metadata[key] = value;
        var status = new Google.Rpc.Status
        {
            Code = (int)ErrorStatus.CodeOf(exception.Reason),
            Message = exception.Message,
            Details = { Any.Pack(info) },
        };
        if (exception.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(exception.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }
        if (exception.RetryAfter is { } retryAfter)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter) }));
        }
        return status.ToRpcException();
    }
}
