using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// The fund operators' audit log across organisations: a search a page at a time, newest first, and the export of a
/// whole filter. Reads only; nothing here (or anywhere) changes or removes an event.
/// </summary>
internal sealed class AuditSearch(IStore store, IOptions<AuditOptions> options)
{
    public const int MaxPageSize = 500;

    /// <summary>Events an export reads per store read, and rows per CSV chunk at most.</summary>
    private const int ExportBatch = 1000;

    /// <summary>A page: at most <paramref name="pageSize"/> events below <paramref name="cursor"/> (the previous page's next), with their actors.</summary>
    public KeyPage<(AuditEvent Event, Person? Actor)> Search(OperatorPrincipal @operator, AuditFilter filter, int pageSize, string? cursor) => store.Read(r =>
    {
        var stretch = r.AuditEvents(filter, cursor, pageSize, options.Value.MaxReadPerPage);
        return new KeyPage<(AuditEvent, Person?)>(AuditActors.Resolve(r, stretch.Events), stretch.Next);
    });

    /// <summary>
    /// The events of a filter, in batches, newest first. The filter is counted first: more than the export limit answers
    /// <c>EXPORT_TOO_LARGE</c> before the first batch, and so does a filter that would read more than ten times as many
    /// keys. The export then starts at the newest event counted, so that events written meanwhile are left out.
    /// </summary>
    public IEnumerable<IReadOnlyList<(AuditEvent Event, Person? Actor)>> Export(OperatorPrincipal @operator, AuditFilter filter)
    {
        var limit = options.Value.MaxExportEvents;
        var counted = 0;
        var read = 0L;
        var newest = store.Read(r =>
        {
            string? first = null;
            string? cursor = null;
            do
            {
                var step = r.AuditEvents(filter, cursor, int.MaxValue, options.Value.MaxReadPerPage, load: false);
                first ??= step.FirstMatch;
                counted += step.Matched;
                read += options.Value.MaxReadPerPage;
                if (counted > limit || (step.Next is not null && read >= 10L * limit)) throw TooLarge(limit);
                cursor = step.Next;
            }
            while (cursor is not null);
            return first;
        });
        return newest is null ? [] : Batches(filter, newest);
    }

    private IEnumerable<IReadOnlyList<(AuditEvent Event, Person? Actor)>> Batches(AuditFilter filter, string start)
    {
        for (string? cursor = start; cursor is not null;)
        {
            var (batch, next) = store.Read(r =>
            {
                var step = r.AuditEvents(filter, cursor, ExportBatch, int.MaxValue);
                return (AuditActors.Resolve(r, step.Events), step.Next);
            });
            if (batch.Count > 0) yield return batch;
            cursor = next;
        }
    }

    private static ConnectException TooLarge(int limit) =>
        new(ErrorReason.ExportTooLarge, $"The export would hold more than {limit} events; narrow the filter.")
        {
            Metadata = new Dictionary<string, string> { ["max_events"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
}
