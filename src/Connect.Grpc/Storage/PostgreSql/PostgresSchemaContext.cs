using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL store's schema as an EF Core model, made from <see cref="PostgresTables"/>: EF Core's migrations
/// (<c>Migrations/</c>, generated with <c>dotnet ef migrations add</c>) create and change the tables, and the store
/// applies them at start (docs/decisions/0033-postgresql-store.md). The request path never goes through EF Core.
/// </summary>
public sealed class PostgresSchemaContext(DbContextOptions<PostgresSchemaContext> options) : DbContext(options)
{
    /// <summary>Where the applied migrations are recorded; the console's key ring, in the same database, keeps its own.</summary>
    public const string HistoryTable = "connect_schema_history";

    /// <summary>Ids and keys compare byte by byte, as LiteDB's keys and the page tokens made from them do.</summary>
    private const string Ordinal = "C";

    public static DbContextOptions<PostgresSchemaContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgresSchemaContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable))
            .Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var table in PostgresTables.All)
        {
            modelBuilder.SharedTypeEntity<Dictionary<string, object>>(table.Name, b =>
            {
                b.ToTable(table.Name);
                b.IndexerProperty<string>("id").UseCollation(Ordinal);
                b.HasKey("id");
                b.IndexerProperty<string>("doc").HasColumnType("jsonb").IsRequired();
                foreach (var key in table.Keys)
                {
                    var column = b.IndexerProperty(key.Type == typeof(string) ? typeof(string) : typeof(Nullable<>).MakeGenericType(key.Type), key.Name)
                        .IsRequired(false);
                    if (key.Type == typeof(string)) column.UseCollation(Ordinal);
                }
                foreach (var index in table.Indexes)
                {
                    b.HasIndex([.. index.Columns], $"ix_{table.Name}_{string.Join("_", index.Columns)}").IsUnique(index.Unique);
                }
            });
        }
        modelBuilder.SharedTypeEntity<Dictionary<string, object>>(PostgresTables.NameWords, b =>
        {
            b.ToTable(PostgresTables.NameWords);
            b.IndexerProperty<string>("word").UseCollation(Ordinal);
            b.IndexerProperty<string>("person_id").UseCollation(Ordinal);
            b.HasKey("word", "person_id");
            b.HasIndex(["person_id"], $"ix_{PostgresTables.NameWords}_person_id");
        });
        // No index on window_start: updates that only count stay heap-only, and the sweep of ended windows is rare.
        modelBuilder.SharedTypeEntity<Dictionary<string, object>>(PostgresTables.AttemptCounters, b =>
        {
            b.ToTable(PostgresTables.AttemptCounters);
            b.IndexerProperty<string>("door").UseCollation(Ordinal);
            b.IndexerProperty<string>("address").UseCollation(Ordinal);
            b.IndexerProperty<DateTime>("window_start").HasColumnType("timestamp with time zone");
            b.IndexerProperty<int>("count");
            b.HasKey("door", "address");
        });
    }
}

/// <summary>
/// What <c>dotnet ef migrations add</c> builds the context with: generating a migration needs the provider, not a
/// database, so no connection is ever opened with this placeholder.
/// </summary>
public sealed class PostgresSchemaDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSchemaContext>
{
    public PostgresSchemaContext CreateDbContext(string[] args) => new(PostgresSchemaContext.Options("Host=localhost"));
}
