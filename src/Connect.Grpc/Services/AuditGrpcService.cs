using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="AuditSearch"/>; fund operators only. There is no call that edits or removes an event.</summary>
internal sealed class AuditGrpcService(AuditSearch audit) : AuditService.AuditServiceBase
{
    private const string ListName = "audit";

    public override Task<SearchAuditEventsResponse> SearchAuditEvents(SearchAuditEventsRequest request, ServerCallContext context)
    {
        var @operator = context.Operator();
        var filter = ToDomain(request.Filter);
        var pageSize = Validate.PageSize(request.PageSize, AuditSearch.MaxPageSize);
        // The token names the filter it was made for: it fits no other.
        var listName = ListName + "." + filter.Fingerprint();
        var page = audit.Search(@operator, filter, pageSize, PageTokens.Decode(listName, request.PageToken));
        var response = new SearchAuditEventsResponse { NextPageToken = PageTokens.Encode(listName, page.NextAfterKey) };
        response.AuditEvents.AddRange(page.Items.Select(e => e.ToProto()));
        return Task.FromResult(response);
    }

    public override async Task ExportAuditEvents(ExportAuditEventsRequest request, IServerStreamWriter<ExportAuditEventsResponse> responseStream,
        ServerCallContext context)
    {
        var batches = audit.Export(context.Operator(), ToDomain(request.Filter));
        foreach (var chunk in AuditCsv.Chunks(batches))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            await responseStream.WriteAsync(new ExportAuditEventsResponse { CsvChunk = ByteString.CopyFrom(chunk) }, context.CancellationToken);
        }
    }

    private static AuditFilter ToDomain(AuditEventFilter? filter) =>
        AuditFilter.Create(filter?.OrganizationId, filter?.PersonId, filter?.Action,
            Time(filter?.StartTime), Time(filter?.EndTime));

    /// <summary>Already checked for range by <see cref="TimeFields"/>, so the conversion cannot throw.</summary>
    private static DateTime? Time(Google.Protobuf.WellKnownTypes.Timestamp? timestamp) => timestamp?.ToDateTime();
}
