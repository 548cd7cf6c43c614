using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Connect.Admin.KeyRing;

/// <summary>
/// Where the console keeps the keys that protect its cookies (docs/decisions/0031-console-key-ring.md). With
/// <c>Connect:Console:KeyRing:ConnectionString</c> all replicas share one ring in PostgreSQL, with
/// <c>…:Directory</c> one in a shared folder, so any of them reads a cookie another wrote; with neither, the
/// per-machine default as before. <c>…:Certificate</c> (a PKCS#12 file) encrypts the keys where they are stored.
/// </summary>
public static class KeyRingServiceCollectionExtensions
{
    public const string ConnectionStringKey = "Connect:Console:KeyRing:ConnectionString";
    public const string DirectoryKey = "Connect:Console:KeyRing:Directory";
    public const string CertificateKey = "Connect:Console:KeyRing:Certificate";
    public const string CertificatePasswordKey = "Connect:Console:KeyRing:CertificatePassword";

    /// <summary>The purpose chain's root: the same on every replica, whatever folder it runs from.</summary>
    public const string ApplicationName = "Connect.Admin";

    public static IServiceCollection AddConsoleKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = Setting(configuration, ConnectionStringKey);
        var directory = Setting(configuration, DirectoryKey);
        var certificate = Setting(configuration, CertificateKey);
        if (connectionString is not null && directory is not null)
        {
            throw new InvalidOperationException($"{ConnectionStringKey} and {DirectoryKey} are both set: the console keeps one key ring.");
        }
        if (connectionString is null && directory is null && certificate is null) return services;

        var dataProtection = services.AddDataProtection();
        if (connectionString is not null)
        {
            services.AddDbContext<KeyRingContext>(o => o.UseNpgsql(connectionString));
            dataProtection.SetApplicationName(ApplicationName).PersistKeysToDbContext<KeyRingContext>();
        }
        else if (directory is not null)
        {
            dataProtection.SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(directory));
        }
        if (certificate is not null)
        {
            // Also registered for decryption, so the replicas need the file, not a certificate store.
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration[CertificatePasswordKey]));
        }
        return services;
    }

    /// <summary>
    /// Brings the key ring's table up to date before the first request. EF Core takes a lock in the database for
    /// this, so replicas starting together do not both create it.
    /// </summary>
    public static WebApplication MigrateConsoleKeyRing(this WebApplication app)
    {
        if (Setting(app.Configuration, ConnectionStringKey) is null) return app;

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<KeyRingContext>().Database.Migrate();
        return app;
    }

    private static string? Setting(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];
}
