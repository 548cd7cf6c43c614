using System.Runtime.Versioning;
using Npgsql;

namespace Connect.Grpc.Tests.Storage;

/// <summary>The private PostgreSQL server the storage tests run on: real, and each test class's database its own.</summary>
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Cluster_AnswersSelectVersion()
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);

        Assert.StartsWith("PostgreSQL ", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task CreateDatabase_GivesIsolatedDatabasesOwnedByRolesThatAreNoSuperusers()
    {
        var first = await PostgresCluster.Shared.CreateDatabaseAsync();
        var second = await PostgresCluster.Shared.CreateDatabaseAsync();

        await Execute(first, "create table marker (id int primary key)");
        Assert.Equal(1L, await Scalar(first, "select count(*) from pg_tables where tablename = 'marker'"));
        Assert.Equal(0L, await Scalar(second, "select count(*) from pg_tables where tablename = 'marker'"));
        Assert.Equal("off", await Scalar(first, "show is_superuser"));
        Assert.Equal("off", await Scalar(second, "show is_superuser"));
    }

    [Fact]
    public async Task CreateDatabase_RoleCannotConnectToAnotherDatabase()
    {
        var first = new NpgsqlConnectionStringBuilder(await PostgresCluster.Shared.CreateDatabaseAsync());
        var second = new NpgsqlConnectionStringBuilder(await PostgresCluster.Shared.CreateDatabaseAsync());

        first.Database = second.Database;
        await using var intruder = new NpgsqlConnection(first.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => intruder.OpenAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // as the cluster itself: Debian's packages
    public void DataDirectory_IsNotReadableByOthers()
    {
        var data = PostgresCluster.Shared.DataDirectory;

        foreach (var folder in new[] { data, Path.GetDirectoryName(data)! })
        {
            var others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(folder) & others);
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
