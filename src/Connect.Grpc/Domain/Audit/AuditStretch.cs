namespace Connect.Grpc.Domain;

/// <summary>
/// What one stretch of an audit read found: the events (when loaded), how many matched, the cursor the next stretch
/// starts after (null when the log holds no more), and a cursor from which a read starts with this stretch's first match
/// (null when nothing matched): an export counts first, then reads from there, so events written meanwhile stay out.
/// </summary>
public sealed record AuditStretch(IReadOnlyList<AuditEvent> Events, int Matched, string? Next, string? FirstMatch);
