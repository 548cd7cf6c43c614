using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Connect.Grpc.Domain;
using Connect.Grpc.Telemetry;
using Connect.V1;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Services;

/// <summary>
/// A gRPC request message over the service's <c>MaxReceiveMessageSize</c> is refused with <c>RESOURCE_EXHAUSTED</c> and
/// <c>MESSAGE_TOO_LARGE</c>, as REST refuses an oversized body (<c>RestRequestGuard</c>). grpc-dotnet checks the same
/// limit itself but answers without <c>ErrorInfo</c>, before any interceptor; so this middleware reads the length in the
/// first message's 5-byte frame header, consuming nothing, and answers trailers-only before grpc-dotnet buffers a byte of
/// the message. grpc-dotnet's own check stays behind it (client-streaming requests, a compressed message's inflated size).
/// </summary>
internal sealed partial class GrpcMessageSizeGuard(RequestDelegate next, ILogger<GrpcMessageSizeGuard> logger, ConnectMetrics metrics)
{
    private const int HeaderSize = 5;

    private readonly ConcurrentDictionary<Type, int?> _limits = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (method is null || method.Method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var limit = _limits.GetOrAdd(method.ServiceType, LimitOf, context.RequestServices);
        if (limit is { } max && await FirstMessageLength(context.Request.BodyReader, context.RequestAborted) > max)
        {
            Refused(logger, method.Method.FullName, max);
            var refusal = ErrorInterceptor.ToRpcException(new ConnectException(ErrorReason.MessageTooLarge, $"The request message is larger than {max} bytes."));
            metrics.RpcCompleted(method.Method.ServiceName, method.Method.Name, (int)refusal.StatusCode,
                ErrorStatus.ReasonName(ErrorReason.MessageTooLarge), Stopwatch.GetElapsedTime(started));
            WriteTrailersOnly(context.Response, refusal);
            return;
        }
        await next(context);
    }

    /// <summary>The limit grpc-dotnet applies to the service: its own option where one is set, else the server-wide one.</summary>
    private static int? LimitOf(Type service, IServiceProvider services)
    {
        var own = ((IOptions<GrpcServiceOptions>)services.GetRequiredService(
            typeof(IOptions<>).MakeGenericType(typeof(GrpcServiceOptions<>).MakeGenericType(service)))).Value;
        return own.MaxReceiveMessageSizeSpecified ? own.MaxReceiveMessageSize : services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.MaxReceiveMessageSize;
    }

    /// <summary>
    /// The declared length of the first message, or null when the request ends before a whole header; nothing is consumed.
    /// A header split over reads is waited for: then what was seen stays examined (a pipe's examined position never goes
    /// back), which costs nothing since a unary or server-streaming request ends after its one message.
    /// </summary>
    private static async Task<long?> FirstMessageLength(System.IO.Pipelines.PipeReader reader, CancellationToken cancellation)
    {
        var examined = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellation);
            var length = DeclaredLength(result.Buffer);
            if (length is not null || result.IsCompleted || result.IsCanceled)
            {
                if (examined) reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                else reader.AdvanceTo(result.Buffer.Start);
                return length;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            examined = true;
        }
    }

    private static long? DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < HeaderSize) return null;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }

    /// <summary>A gRPC answer without a body: the status and its details in the headers, as grpc-dotnet writes one.</summary>
    private static void WriteTrailersOnly(HttpResponse response, RpcException refusal)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Status.Detail);
        foreach (var entry in refusal.Trailers)
        {
            response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request to {Method} over {Limit} bytes")]
    private static partial void Refused(ILogger logger, string method, int limit);
}
