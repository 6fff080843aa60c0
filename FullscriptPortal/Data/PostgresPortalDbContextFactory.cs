using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>Makes <see cref="PostgresPortalDbContext"/>s from the portal's one set of context options (provider, and the
/// interceptors each room adds with <c>ConfigureDbContext&lt;PortalDbContext&gt;</c>).</summary>
internal sealed class PostgresPortalDbContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => new PostgresPortalDbContext(options);
}
