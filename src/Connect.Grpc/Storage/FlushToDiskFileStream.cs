namespace Connect.Grpc.Storage;

/// <summary>
/// A file whose plain <see cref="Flush()"/> reaches the disk. LiteDB fsyncs the data file at a checkpoint, before it
/// empties the log, but only when the stream it holds is a <see cref="FileStream"/>; ours reaches it wrapped in its
/// <c>ConcurrentStream</c>, whose <c>Flush()</c> calls this one.
/// </summary>
internal sealed class FlushToDiskFileStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options)
    : FileStream(path, mode, access, share, bufferSize, options)
{
    public override void Flush() => Flush(flushToDisk: true);
}
