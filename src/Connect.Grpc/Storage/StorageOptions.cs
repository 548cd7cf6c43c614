using Microsoft.Extensions.Options;

namespace Connect.Grpc.Storage;

/// <summary>The storage engines Connect runs on.</summary>
public enum StorageProvider
{
    /// <summary>One embedded file for one server process: the default, needing no setting.</summary>
    LiteDb,

    /// <summary>One PostgreSQL database that several server replicas share.</summary>
    PostgreSql,
}

/// <summary>Where Connect keeps its data. Bound from <c>Connect:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><see cref="StorageProvider.LiteDb"/> (default) or <see cref="StorageProvider.PostgreSql"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The Npgsql connection string of the PostgreSQL database; required with that provider, not read otherwise.</summary>
    public string? ConnectionString { get; set; }

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

    /// <summary>A PostgreSQL store needs its database; the server then refuses to start without it, naming the setting.</summary>
    public sealed class Validator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Fail("Connect:Storage:Provider is PostgreSql: set Connect:Storage:ConnectionString to the database's Npgsql connection string.")
                : ValidateOptionsResult.Success;
    }
}
