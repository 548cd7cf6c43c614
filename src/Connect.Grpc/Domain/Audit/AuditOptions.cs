namespace Connect.Grpc.Domain;

/// <summary>Limits of the audit log's search and export. Bound from <c>Connect:Audit</c>; an internal setting, lowered by tests.</summary>
public sealed class AuditOptions
{
    /// <summary>The most events an export may hold; default 100,000. More answers <c>EXPORT_TOO_LARGE</c> before anything is sent.</summary>
    public int MaxExportEvents { get; set; } = 100_000;

    /// <summary>
    /// Index entries one search call reads at most; default 4,000. A filter that matches rarely then answers a short page
    /// with a next-page token instead of reading on.
    /// </summary>
    public int MaxReadPerPage { get; set; } = 4_000;
}
