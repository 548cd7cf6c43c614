using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Connect.Admin.KeyRing;

/// <summary>
/// Where the console keeps the keys that protect its cookies (docs/decisions/0031-console-key-ring.md). With
/// <c>Connect:Console:KeyRing:ConnectionString</c> all replicas share one ring in PostgreSQL, so any of them reads a
/// cookie another wrote; without it, the per-machine default as before.
/// </summary>
public static class KeyRingServiceCollectionExtensions
{
    public const string ConnectionStringKey = "Connect:Console:KeyRing:ConnectionString";

    /// <summary>The purpose chain's root: the same on every replica, whatever folder it runs from.</summary>
    public const string ApplicationName = "Connect.Admin";

    public static IServiceCollection AddConsoleKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString)) return services;

        services.AddDbContext<KeyRingContext>(o => o.UseNpgsql(connectionString));
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KeyRingContext>();
        return services;
    }

    /// <summary>
    /// Brings the key ring's table up to date before the first request. EF Core takes a lock in the database for
    /// this, so replicas starting together do not both create it.
    /// </summary>
    public static WebApplication MigrateConsoleKeyRing(this WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[ConnectionStringKey])) return app;

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<KeyRingContext>().Database.Migrate();
        return app;
    }
}
