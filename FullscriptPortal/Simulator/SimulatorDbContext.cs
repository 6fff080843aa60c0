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

/// <summary>An authorization code. Only its SHA-256 is kept, like any credential.</summary>
public sealed class SimAuthorizationCode
{
    public required string CodeHash { get; set; }
    public required string ClientId { get; set; }
    public required string RedirectUri { get; set; }
    public required string UserId { get; set; }
    public string? CodeChallenge { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The grant the code produced, revoked if the code is replayed (RFC 6749 §4.1.2).</summary>
    public Guid? GrantId { get; set; }
}

/// <summary>One user's authorization of one app; every token hangs off it.</summary>
public sealed class SimGrant
{
    public Guid Id { get; set; }
    public required string ClientId { get; set; }
    public required string UserId { get; set; }
    public required string Scope { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBecause { get; set; }
}

public enum SimTokenKind { Access, Refresh }

public sealed class SimToken
{
    public required string TokenHash { get; set; }
    public Guid GrantId { get; set; }
    public SimTokenKind Kind { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Access tokens only; refresh tokens do not expire by time.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? FirstUsedAt { get; set; }
    public DateTimeOffset? InvalidatedAt { get; set; }

    /// <summary>For an access token issued by a refresh: the refresh token spent, which stays valid until this access
    /// token is first used (fullscript-api.md §3).</summary>
    public string? IssuedByRefreshHash { get; set; }

    /// <summary>For an access token: the refresh token issued with it.</summary>
    public string? PairedRefreshHash { get; set; }
}
