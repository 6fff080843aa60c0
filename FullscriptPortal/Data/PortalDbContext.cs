using FullscriptPortal.Api;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>The portal's store, and on SQLite (the default) its context: the SQLite migrations in Migrations/Sqlite are
/// made for this type. PostgreSQL uses <see cref="PostgresPortalDbContext"/>, the same model with its own migrations.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<FullscriptConnection> Connections => Set<FullscriptConnection>();
    public DbSet<PendingAuthorization> PendingAuthorizations => Set<PendingAuthorization>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Clinics.Invite> Invites => Set<Clinics.Invite>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WorkerLease> WorkerLeases => Set<WorkerLease>();
    public DbSet<FullscriptCallCount> FullscriptCallCounts => Set<FullscriptCallCount>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace == typeof(PortalDbContext).Namespace);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or sort DateTimeOffset text; Unix milliseconds can be, and read plainly in a SQL shell.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}
