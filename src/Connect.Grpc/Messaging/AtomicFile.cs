namespace Connect.Grpc.Messaging;

/// <summary>
/// Writes a file so that readers of the folder see it whole or not at all: a hidden temporary name in the same
/// folder, forced to disk, then renamed. The outbox erases the body after delivery, so the file must survive.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string directory, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, fileName);
        var temporary = Path.Combine(directory, "." + fileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            // Overwrite: a retry after a crash between writing and marking delivered writes the same message again.
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
