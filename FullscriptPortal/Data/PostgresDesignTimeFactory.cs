using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FullscriptPortal.Data;

/// <summary>For <c>dotnet ef migrations add X --context PostgresPortalDbContext</c>: scaffolding needs the provider, not a
/// server, so no connection is opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=localhost;Database=portal").Options);
}
