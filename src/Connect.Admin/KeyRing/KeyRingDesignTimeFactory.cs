using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Connect.Admin.KeyRing;

/// <summary>
/// What <c>dotnet ef migrations add</c> builds the context with: generating a migration needs the provider, not a
/// database, so no connection is ever opened with this placeholder.
/// </summary>
public sealed class KeyRingDesignTimeFactory : IDesignTimeDbContextFactory<KeyRingContext>
{
    public KeyRingContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KeyRingContext>().UseNpgsql("Host=localhost").Options);
}
