using Connect.V1;
using Grpc.Core;

namespace Connect.Client;

/// <summary>The fund's audit log across organisations, searched and exported; for fund operators.</summary>
public sealed class ConnectAuditClient(AuditService.AuditServiceClient client, ConnectCall call)
{
    /// <summary>Returns a page of the events matching <paramref name="filter"/>, newest first (a page may be short while a token follows).</summary>
    public Task<SearchAuditEventsResponse> SearchAuditEventsAsync(AuditEventFilter filter, int pageSize = 0, string pageToken = "",
        CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SearchAuditEventsAsync(
            new() { Filter = filter, PageSize = pageSize, PageToken = pageToken }, call.Options(cancellationToken)));

    /// <summary>Writes the CSV export of the events matching <paramref name="filter"/> to <paramref name="destination"/>.</summary>
    public async Task ExportAuditEventsAsync(AuditEventFilter filter, Stream destination, CancellationToken cancellationToken = default)
    {
        using var stream = client.ExportAuditEvents(new() { Filter = filter }, call.Options(cancellationToken));
        try
        {
            await foreach (var chunk in stream.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                await destination.WriteAsync(chunk.CsvChunk.Memory, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw ConnectClientException.FromRpcException(exception);
        }
    }
}
