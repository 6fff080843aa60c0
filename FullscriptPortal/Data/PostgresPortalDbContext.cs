using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>The portal's store on PostgreSQL: the same model as <see cref="PortalDbContext"/>, a type of its own so that it
/// has its own migrations (Migrations/Postgres), as EF Core does for several providers, and the one place for what
/// PostgreSQL spells differently. Services keep asking for <see cref="PortalDbContext"/>;
/// <see cref="PostgresPortalDbContextFactory"/> hands out this type.</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Raw SQL: PostgreSQL folds unquoted names to lower case, and EF Core's columns are quoted mixed case.
        builder.Entity<FullscriptConnection>().ToTable(t => t.HasCheckConstraint("CK_Connections_Owner", "(\"UserId\" IS NULL) <> (\"ClinicId\" IS NULL)"));
    }
}
