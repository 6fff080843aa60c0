using FullscriptPortal.Api;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    public void Configure(EntityTypeBuilder<Clinic> clinic)
    {
        clinic.Property(c => c.Name).HasMaxLength(200);
        clinic.Property(c => c.FullscriptClinicId).HasMaxLength(100);
        clinic.HasIndex(c => c.Name).IsUnique();
        clinic.Property(c => c.ExternalId).HasMaxLength(ExternalIds.MaxLength);
        clinic.HasIndex(c => c.ExternalId).IsUnique();
        clinic.HasMany(c => c.Members).WithOne(u => u.Clinic).HasForeignKey(u => u.ClinicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.HasIndex(u => new { u.ClinicId, u.DisplayName });
        user.Property(u => u.ExternalId).HasMaxLength(ExternalIds.MaxLength);
        user.HasIndex(u => u.ExternalId).IsUnique();
    }
}

internal sealed class FullscriptConnectionConfiguration : IEntityTypeConfiguration<FullscriptConnection>
{
    public void Configure(EntityTypeBuilder<FullscriptConnection> connection)
    {
        connection.ToTable("Connections", t => t.HasCheckConstraint("CK_Connections_Owner", "(UserId IS NULL) <> (ClinicId IS NULL)"));
        connection.HasIndex(c => c.UserId).IsUnique();
        connection.HasIndex(c => c.ClinicId).IsUnique();
        connection.HasIndex(c => new { c.ServerKey, c.ResourceOwnerId });
        connection.HasIndex(c => new { c.State, c.AccessTokenExpiresAt });
        connection.HasIndex(c => c.NextRefreshAttemptAt);
        connection.HasIndex(c => c.DisconnectRequestedAt);
        connection.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        connection.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId).OnDelete(DeleteBehavior.Cascade);
        connection.Property(c => c.State).HasConversion<string>().HasMaxLength(32);
        connection.Property(c => c.ServerKey).HasMaxLength(32);
        connection.Property(c => c.ResourceOwnerId).HasMaxLength(100);
        connection.Property(c => c.ResourceOwnerType).HasMaxLength(32);
        connection.Property(c => c.StateReason).HasMaxLength(500);
        connection.Property(c => c.DisconnectReason).HasMaxLength(500);
        connection.Property(c => c.Version).IsConcurrencyToken();
        connection.Property(c => c.RefreshLeaseOwner).HasMaxLength(64);
    }
}

internal sealed class PendingAuthorizationConfiguration : IEntityTypeConfiguration<PendingAuthorization>
{
    public void Configure(EntityTypeBuilder<PendingAuthorization> pending)
    {
        pending.HasIndex(p => p.StateHash).IsUnique();
        pending.HasIndex(p => new { p.UserId, p.CompletedAt });
        pending.Property(p => p.StateHash).HasMaxLength(64);
        pending.Property(p => p.ReturnPath).HasMaxLength(LocalPath.MaxLength);
        pending.Property(p => p.Outcome).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditTrail");
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.SubjectUserId, e.At });
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Outcome).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(1000);
        entry.Property(e => e.FullscriptRequestId).HasMaxLength(100);
    }
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<FullscriptPortal.Clinics.Invite>
{
    public void Configure(EntityTypeBuilder<FullscriptPortal.Clinics.Invite> invite)
    {
        invite.HasIndex(i => i.TokenHash).IsUnique();
        invite.HasIndex(i => i.UserId);
        invite.Property(i => i.TokenHash).HasMaxLength(64);
        invite.Property(i => i.ReturnUrl).HasMaxLength(ConnectLinks.MaxReturnUrlLength);
        invite.HasOne<PortalUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkerLeaseConfiguration : IEntityTypeConfiguration<WorkerLease>
{
    public void Configure(EntityTypeBuilder<WorkerLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Owner).HasMaxLength(64);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKeys.MaxNameLength);
        key.Property(k => k.Prefix).HasMaxLength(12);
        key.Property(k => k.KeyHash).HasMaxLength(64);
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.Property(k => k.AllowedReturnOrigins).HasMaxLength(2000);
        key.HasOne<Clinic>().WithMany().HasForeignKey(k => k.ClinicId).OnDelete(DeleteBehavior.Restrict);
    }
}
