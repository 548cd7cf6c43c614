using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The one exception the flows throw for anything a caller did wrong or may not do. The reason is
/// the contract's <see cref="ErrorReason"/> itself, so a reason exists in exactly one place (the proto).
/// </summary>
internal sealed class ConnectException(ErrorReason reason, string message) : Exception(message)
{
    public ErrorReason Reason { get; } = reason;

    /// <summary>For bad input: which fields, and what is wrong with them (plain English).</summary>
    public IReadOnlyList<FieldViolation> Violations { get; init; } = [];

    /// <summary>For limits: when the caller may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Extra facts for clients, e.g. the tries left; never a secret.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public static ConnectException Field(string field, string description, ErrorReason reason = ErrorReason.FieldInvalid) =>
        new(reason, $"{field}: {description}") { Violations = [new FieldViolation(field, description)] };
}

internal sealed record FieldViolation(string Field, string Description);
