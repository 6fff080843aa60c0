using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FullscriptPortal.Data;

/// <summary>For <c>dotnet ef migrations add X --context PortalDbContext</c>: the SQLite migrations, scaffolded without
/// starting the app or touching a database.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
