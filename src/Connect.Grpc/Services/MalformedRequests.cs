using System.Diagnostics;
using Connect.Grpc.Domain;
using Connect.Grpc.Telemetry;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>
/// A request body that does not parse as the call's request message is the caller's error: <c>INVALID_ARGUMENT</c> with
/// <c>REQUEST_INVALID</c>, like every other refusal, instead of grpc-dotnet's <c>UNKNOWN</c> and two stack traces. The
/// parse runs in the request marshaller, before any interceptor, so the marshaller itself is wrapped
/// (<see cref="GuardedServiceMethodProvider{TService}"/>).
/// </summary>
internal static partial class MalformedRequests
{
    public static Marshaller<T> Guard<T>(Marshaller<T> marshaller, IMethod method, ILogger logger, ConnectMetrics metrics) =>
        new(marshaller.ContextualSerializer, context =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            // The parser sees nothing but the caller's bytes: whatever it throws (InvalidProtocolBufferException, a UTF-8
            // decoder error, a recursion limit) is about them.
            catch (Exception exception)
            {
                Refused(logger, method.FullName, context.PayloadLength, exception.GetType().Name);
                var refusal = ErrorInterceptor.ToRpcException(new ConnectException(ErrorReason.RequestInvalid,
                    "The request body is not a valid protobuf message of this call's request type."));
                // The interceptor that times calls never sees this one: counted here, under the same instrument.
                metrics.RpcCompleted(method.ServiceName, method.Name, (int)refusal.StatusCode,
                    ErrorStatus.ReasonName(ErrorReason.RequestInvalid), Stopwatch.GetElapsedTime(started));
                throw refusal;
            }
        });

    // One short line, at Debug: a flood of garbage must not flood the log at the default level; the metric counts it.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a malformed request to {Method} ({Bytes} bytes, {Error})")]
    private static partial void Refused(ILogger logger, string method, int bytes, string error);
}
