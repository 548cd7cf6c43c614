using Connect.Grpc.Domain;
using Connect.Grpc.Services;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Connect.Grpc.Rest;

/// <summary>
/// Two things JSON transcoding leaves undone for REST calls (the endpoints it maps): it reads a body of any size (the gRPC
/// message limit applies to gRPC framing only), and its own refusals of a body it cannot read — malformed JSON, an
/// unknown field — carry no <c>ErrorInfo</c>. This guard refuses a body over the limit with 413 and
/// <c>MESSAGE_TOO_LARGE</c> before anything reads it, and gives transcoding's refusals the reason <c>REQUEST_INVALID</c>,
/// so that every REST error has a stable reason like every gRPC one.
/// </summary>
internal sealed class RestRequestGuard(RequestDelegate next)
{
    /// <summary>The same limit as a gRPC message (<c>AddConnectServer</c>).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithTypeRegistry(RestErrors.Types));
    private static readonly JsonParser ErrorParser = new(JsonParser.Settings.Default.WithTypeRegistry(RestErrors.Types));
    /// <summary>Protobuf's own JSON reader refuses unknown fields, as the proto3 JSON mapping asks by default.</summary>
    private static readonly JsonParser StrictParser = new(JsonParser.Settings.Default);

    public async Task InvokeAsync(HttpContext context)
    {
        // By the endpoint routing chose, not by the path: routes match without regard to case, so /V1/token is a REST call too.
        var transcoded = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (transcoded is null)
        {
            await next(context);
            return;
        }
        if (!await BodyWithinLimit(context.Request))
        {
            await Refuse(context.Response, StatusCodes.Status413PayloadTooLarge,
                new ConnectException(ErrorReason.MessageTooLarge, $"The request body is larger than {MaxBodyBytes} bytes."));
            return;
        }

        if (UnknownQueryParameter(context.Request, transcoded) is { } unknown)
        {
            await Refuse(context.Response, StatusCodes.Status400BadRequest, new ConnectException(ErrorReason.RequestInvalid,
                $"The query parameter '{(unknown.Length > 64 ? unknown[..64] : unknown)}' is not a field of this call (see the OpenAPI document)."));
            return;
        }

        if (await UnknownOrMalformed(context, transcoded) is { } problem)
        {
            await Refuse(context.Response, StatusCodes.Status400BadRequest, new ConnectException(ErrorReason.RequestInvalid,
                $"The request body is not valid for this call: {problem.TrimEnd('.')}. Send a JSON object with only the fields of the call (see the OpenAPI document)."));
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && WithoutReason(buffer) is { } refusal)
        {
            await Refuse(context.Response, StatusCodes.Status400BadRequest, new ConnectException(ErrorReason.RequestInvalid,
                refusal.Message.TrimEnd('.') + ". See the call's body and query parameters in the OpenAPI document."));
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// False when the body is over the limit. A body is read into memory (at most one byte past the limit; a declared
    /// length over it is refused unread), so that the strict read and transcoding both read it from there.
    /// </summary>
    private static async Task<bool> BodyWithinLimit(HttpRequest request)
    {
        if (request.ContentLength is > MaxBodyBytes) return false;
        if (request.Method is "GET" or "HEAD" or "DELETE") return true;
        var copy = new MemoryStream();
        request.HttpContext.Response.RegisterForDispose(copy);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            copy.Write(chunk, 0, read);
            if (copy.Length > MaxBodyBytes) return false;
        }
        copy.Position = 0;
        request.Body = copy;
        return true;
    }

    /// <summary>
    /// What is wrong with the body of a transcoded call, read strictly against the call's message (or the field its
    /// <c>body</c> names); null when it is fine or the call takes no body. Transcoding itself skips unknown fields,
    /// which would let a misspelt field pass silently.
    /// </summary>
    private static async Task<string?> UnknownOrMalformed(HttpContext context, GrpcJsonTranscodingMetadata metadata)
    {
        var bodyField = metadata.HttpRule.Body;
        if (string.IsNullOrEmpty(bodyField)) return null;
        var target = bodyField == "*"
            ? metadata.MethodDescriptor.InputType
            : metadata.MethodDescriptor.InputType.FindFieldByName(bodyField)?.MessageType;
        if (target is null) return null;

        // The body is in memory (BodyWithinLimit): read it, then rewind it for transcoding.
        using var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var json = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            StrictParser.Parse(json, target);
            return null;
        }
        catch (InvalidProtocolBufferException exception)
        {
            return exception.Message;
        }
        catch (InvalidJsonException exception)
        {
            return exception.Message;
        }
        catch (FormatException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// The first query parameter that names no field of the call's message (by proto or JSON name, dotted for nested
    /// fields); transcoding would skip it, and a misspelt filter would quietly list everything.
    /// </summary>
    private static string? UnknownQueryParameter(HttpRequest request, GrpcJsonTranscodingMetadata metadata)
    {
        foreach (var key in request.Query.Keys)
        {
            var message = metadata.MethodDescriptor.InputType;
            foreach (var segment in key.Split('.'))
            {
                var field = message?.FindFieldByName(segment) ?? message?.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == segment);
                if (field is null) return key;
                message = field.FieldType == Google.Protobuf.Reflection.FieldType.Message ? field.MessageType : null;
            }
        }
        return null;
    }

    /// <summary>Transcoding's own refusal: a status without details (every refusal of Connect's has an ErrorInfo).</summary>
    private static Google.Rpc.Status? WithoutReason(MemoryStream body)
    {
        try
        {
            var status = ErrorParser.Parse<Google.Rpc.Status>(System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
            return status.Details.Count == 0 ? status : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        catch (InvalidJsonException)
        {
            return null;
        }
    }

    private static async Task Refuse(HttpResponse response, int httpStatus, ConnectException refusal)
    {
        var status = ErrorInterceptor.ToRpcException(refusal).GetRpcStatus()!;
        response.StatusCode = httpStatus;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = null;
        await response.WriteAsync(Json.Format(status), response.HttpContext.RequestAborted);
    }
}
