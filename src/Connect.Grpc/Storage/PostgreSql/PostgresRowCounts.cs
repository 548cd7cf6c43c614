using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>Row counts of the store's tables, read outside the store: for a copy, which must start empty and end complete.</summary>
internal static class PostgresRowCounts
{
    private static IEnumerable<string> Tables => PostgresTables.All.Select(t => t.Name).Append(PostgresTables.NameWords);

    /// <summary>
    /// The first of the store's tables that holds a row, or null. A table not made yet counts as empty, so the question
    /// changes nothing: migrations are applied only once the answer is null.
    /// </summary>
    public static string? FirstNonEmptyTable(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var table in Tables)
        {
            using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection) { Parameters = { new() { Value = table } } };
            if (!(bool)exists.ExecuteScalar()!) continue;
            using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", connection);
            if ((bool)any.ExecuteScalar()!) return table;
        }
        return null;
    }

    /// <summary>The rows of one of <see cref="PostgresTables"/>' tables (its name goes into the statement as it is).</summary>
    public static long Count(string connectionString, string table)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)command.ExecuteScalar()!;
    }
}
