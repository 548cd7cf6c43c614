namespace Connect.Grpc.Storage;

/// <summary>Where Connect keeps its files. Bound from <c>Connect:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The data directory; default <c>data</c> under the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The LiteDB file; default <c>connect.db</c> in the data directory.</summary>
    public string? DatabaseFile { get; set; }

    /// <summary>
    /// Force every acknowledged write to disk (fsync of the log) before answering; default true.
    /// Turning it off keeps writes safe from a killed process but not from a power cut.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    public string ResolveDatabaseFile() => DatabaseFile ?? Path.Combine(DataDirectory, "connect.db");
}
