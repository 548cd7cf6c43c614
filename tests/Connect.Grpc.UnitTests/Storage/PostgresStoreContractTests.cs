using Connect.Grpc.Domain;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;
using Npgsql;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// The store contract on a real PostgreSQL database (the process's private cluster): one database for the class,
/// migrated once and emptied before each test, which xunit runs one after the other.
/// </summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private static readonly Lazy<string> Database = new(() =>
    {
        var connectionString = PostgresCluster.Shared.CreateDatabaseAsync().GetAwaiter().GetResult();
        PostgresStore.Migrate(connectionString);
        return connectionString;
    });

    private bool _emptied;

    protected override IStore Open()
    {
        if (!_emptied)
        {
            Empty(Database.Value);
            _emptied = true;
        }
        return new PostgresStore(Database.Value);
    }

    protected override void Close(IStore store) => ((PostgresStore)store).Dispose();

    private static void Empty(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var tables = PostgresTables.All.Select(t => t.Name).Append(PostgresTables.NameWords);
        using var command = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables)}", connection);
        command.ExecuteNonQuery();
    }
}
