namespace Connect.Grpc.Domain;

/// <summary>Who is calling, for rules and the audit log: the session or application (if any) and where the call came from.</summary>
public sealed record Caller(string? PersonId, string? OrganizationId, string? ClientAddress, string? UserAgent)
{
    /// <summary>The application calling with its own access token, if any; the audit log names it.</summary>
    public string? ApplicationId { get; init; }
    public string? ApplicationName { get; init; }

    public static Caller Anonymous(string? clientAddress, string? userAgent) => new(null, null, clientAddress, userAgent);
}
