using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Simulator;

/// <summary>The simulator's memory, in its own SQLite file: Fullscript's data is not the portal's.</summary>
public sealed class SimulatorDbContext(DbContextOptions<SimulatorDbContext> options) : DbContext(options)
{
    public DbSet<SimAuthorizationCode> Codes => Set<SimAuthorizationCode>();
    public DbSet<SimGrant> Grants => Set<SimGrant>();
    public DbSet<SimToken> Tokens => Set<SimToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SimAuthorizationCode>().HasKey(c => c.CodeHash);
        modelBuilder.Entity<SimToken>().HasKey(t => t.TokenHash);
        modelBuilder.Entity<SimToken>().HasIndex(t => t.GrantId);
        modelBuilder.Entity<SimToken>().HasIndex(t => t.IssuedByRefreshHash);
        modelBuilder.Entity<SimToken>().Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        modelBuilder.Entity<SimGrant>().HasIndex(g => new { g.ClientId, g.UserId });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
}
