namespace Connect.Grpc.Domain;

/// <summary>Who is calling, for rules and the audit log: the session (if any) and where the call came from.</summary>
public sealed record Caller(string? PersonId, string? OrganizationId, string? ClientAddress, string? UserAgent)
{
    public static Caller Anonymous(string? clientAddress, string? userAgent) => new(null, null, clientAddress, userAgent);
}
