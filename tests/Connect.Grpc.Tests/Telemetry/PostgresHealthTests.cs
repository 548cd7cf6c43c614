using System.Net;
using Npgsql;

namespace Connect.Grpc.Tests.Telemetry;

/// <summary>On PostgreSQL, health is the database's: a replica that cannot reach it answers 503, and 200 again once it can.</summary>
public sealed class PostgresHealthTests
{
    [Fact]
    public async Task Healthz_FollowsTheDatabase()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync();
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?>
        {
            ["Connect:Storage:Provider"] = "PostgreSql",
            ["Connect:Storage:ConnectionString"] = database,
            ["Connect:Security:ServerKey"] = Convert.ToBase64String(new byte[32]),
        });
        var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        // What a database that went away looks like to a replica: its connections cut, new ones refused.
        await Superuser($"ALTER DATABASE {name} ALLOW_CONNECTIONS false",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        NpgsqlConnection.ClearAllPools();
        // A probe's answer serves the probes of the next second.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);

        await Superuser($"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private static async Task Superuser(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(PostgresCluster.Shared.SuperuserConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
