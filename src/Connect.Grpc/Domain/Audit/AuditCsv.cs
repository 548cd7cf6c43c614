using System.Globalization;
using CsvHelper;

namespace Connect.Grpc.Domain;

/// <summary>
/// The audit export's file: UTF-8 with a byte-order mark (so that spreadsheet programs read the accents), commas, CRLF
/// and quoting as RFC 4180 says, one header line, and the columns the API documents. Cells that a spreadsheet would run
/// as a formula are escaped with a leading apostrophe. Handed out in chunks of about 64 KiB.
/// </summary>
internal static class AuditCsv
{
    public const int ChunkSize = 64 * 1024;

    public static readonly string[] Columns =
        ["id", "time", "action", "actor_person_id", "actor_name", "organization_id", "target_type", "target_id", "client_address", "details"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static IEnumerable<byte[]> Chunks(IEnumerable<IReadOnlyList<(AuditEvent Event, Person? Actor)>> batches, int chunkSize = ChunkSize)
    {
        var buffer = new MemoryStream();
        using var csv = CsvWriter.Create(buffer, Options, leaveOpen: true);
        csv.WriteRecord(Columns);
        foreach (var batch in batches)
        {
            foreach (var (auditEvent, actor) in batch)
            {
                csv.WriteRecord(Row(auditEvent, actor));
                // The writer keeps its own buffer: flushed into ours, the chunk's size is known.
                csv.Flush();
                if (buffer.Length >= chunkSize) yield return Take(buffer);
            }
        }
        csv.Flush();
        if (buffer.Length > 0) yield return Take(buffer);
    }

    private static string[] Row(AuditEvent auditEvent, Person? actor) =>
    [
        auditEvent.Id,
        DateTime.SpecifyKind(auditEvent.Time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        auditEvent.Action,
        auditEvent.ActorPersonId ?? "",
        AuditActors.NameOf(auditEvent, actor),
        auditEvent.OrganizationId ?? "",
        auditEvent.TargetType ?? "",
        auditEvent.TargetId ?? "",
        auditEvent.ClientAddress ?? "",
        string.Join("; ", auditEvent.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)),
    ];

    private static byte[] Take(MemoryStream buffer)
    {
        var bytes = buffer.ToArray();
        buffer.SetLength(0);
        return bytes;
    }
}
