using System.IO.Pipelines;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Connect.Admin.Pages.Operator.Audit;

/// <summary>
/// Connect's CSV export of the audit log, passed on to the browser as a download while it arrives, never held whole.
/// Connect refuses an export (too large, a bad filter) before its first byte, so the download starts only once that
/// byte is here: a refusal can still be shown on the page, with its filter. A failure later, mid-file, cuts the
/// connection, so that the browser reports a failed download rather than keeping a file that looks complete.
/// </summary>
public static class AuditCsvDownload
{
    /// <summary>
    /// Starts the export and waits for its first bytes; returns the result that streams the file, or throws Connect's
    /// refusal. The pipe between the two holds at most a few chunks.
    /// </summary>
    public static async Task<IActionResult> StartAsync(ConnectAuditClient audit, AuditEventFilter filter, string fileName, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        _ = ExportAsync(audit, filter, pipe.Writer, cancellationToken);
        try
        {
            // Throws the export's failure when it ends before any byte; leaves what arrived for the result to copy.
            var first = await pipe.Reader.ReadAsync(cancellationToken);
            pipe.Reader.AdvanceTo(first.Buffer.Start);
        }
        catch
        {
            await pipe.Reader.CompleteAsync();
            throw;
        }
        return new StreamResult(pipe.Reader, fileName);
    }

    private static async Task ExportAsync(ConnectAuditClient audit, AuditEventFilter filter, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            await audit.ExportAuditEventsAsync(filter, writer.AsStream(leaveOpen: true), cancellationToken);
            await writer.CompleteAsync();
        }
        catch (Exception exception)
        {
            // The reader meets the failure, on the page (before the first byte) or as a cut download.
            await writer.CompleteAsync(exception);
        }
    }

    private sealed class StreamResult(PipeReader reader, string fileName) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                await reader.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
            catch (Exception exception) when (exception is ConnectClientException or OperationCanceledException)
            {
                http.Abort();
            }
            finally
            {
                await reader.CompleteAsync();
            }
        }
    }
}
