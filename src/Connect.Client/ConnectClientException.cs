using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Client;

/// <summary>
/// A call Connect refused, with its stable <see cref="Reason"/>; translate the reason for people, and show
/// <see cref="FieldViolations"/> next to the fields they name.
/// </summary>
public sealed class ConnectClientException : Exception
{
    private const string ReasonPrefix = "ERROR_REASON_";
    private static readonly Dictionary<string, ErrorReason> Reasons = Enum.GetValues<ErrorReason>()
        .ToDictionary(ReasonName, reason => reason);

    private ConnectClientException(RpcException inner, ErrorReason reason, IReadOnlyList<ConnectFieldViolation> violations,
        TimeSpan? retryAfter, IReadOnlyDictionary<string, string> metadata)
        : base(inner.Status.Detail, inner)
    {
        StatusCode = inner.StatusCode;
        Reason = reason;
        FieldViolations = violations;
        RetryAfter = retryAfter;
        Metadata = metadata;
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The stable reason; <see cref="ErrorReason.Unspecified"/> when the server sent none (e.g. a transport failure).</summary>
    public ErrorReason Reason { get; }

    /// <summary>For bad input: the fields (proto field names) and what is wrong with them.</summary>
    public IReadOnlyList<ConnectFieldViolation> FieldViolations { get; }

    /// <summary>For limits: when to try again.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Extra facts of the error, e.g. <c>attempts_left</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The wire name of a reason, e.g. <c>ACCESS_CODE_INVALID</c>.</summary>
    public static string ReasonName(ErrorReason reason)
    {
        var original = typeof(ErrorReason).GetField(reason.ToString())!
            .GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
            .Cast<Google.Protobuf.Reflection.OriginalNameAttribute>().Single().Name;
        return original.StartsWith(ReasonPrefix, StringComparison.Ordinal) ? original[ReasonPrefix.Length..] : original;
    }

    /// <summary>Reads Connect's error details from a failed call.</summary>
    public static ConnectClientException FromRpcException(RpcException exception)
    {
        // The application's token exchange failed inside the call's credentials: its refusal is the call's answer.
        if (exception.Status.DebugException is ConnectClientException exchangeRefused) return exchangeRefused;
        var status = exception.GetRpcStatus();
        var reason = ErrorReason.Unspecified;
        var violations = new List<ConnectFieldViolation>();
        TimeSpan? retryAfter = null;
        var metadata = new Dictionary<string, string>();
        if (status is not null)
        {
            var info = status.GetDetail<ErrorInfo>();
            if (info is not null)
            {
                if (Reasons.TryGetValue(info.Reason, out var known)) reason = known;
                foreach (var pair in info.Metadata) metadata[pair.Key] = pair.Value;
            }
            var badRequest = status.GetDetail<BadRequest>();
            if (badRequest is not null)
            {
                violations.AddRange(badRequest.FieldViolations.Select(v => new ConnectFieldViolation(v.Field, v.Description)));
            }
            retryAfter = status.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        }
        return new ConnectClientException(exception, reason, violations, retryAfter, metadata);
    }
}

/// <summary>One field of a request that Connect refused, and why (plain English).</summary>
/// <param name="Field">The proto field name, e.g. <c>given_name</c>.</param>
/// <param name="Description">What is wrong, for developers.</param>
public sealed record ConnectFieldViolation(string Field, string Description);
