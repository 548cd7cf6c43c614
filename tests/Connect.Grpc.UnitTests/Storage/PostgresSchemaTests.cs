using Connect.Grpc.Storage.PostgreSql;
using Connect.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>The schema is Connect's own: made and brought up to date by whichever replicas start, together or not.</summary>
public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task ReplicasMigratingTogether_ApplyEveryMigrationOnce()
    {
        for (var round = 0; round < 4; round++)
        {
            var database = await PostgresCluster.Shared.CreateDatabaseAsync();

            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PostgresStore.Migrate(database))));

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var applied = new NpgsqlCommand($"SELECT count(*) FROM {PostgresSchemaContext.HistoryTable}", connection);
            using var schema = new PostgresSchemaContext(PostgresSchemaContext.Options(database));
            Assert.Equal((long)schema.Database.GetMigrations().Count(), (long)(await applied.ExecuteScalarAsync())!);
        }
    }
}
