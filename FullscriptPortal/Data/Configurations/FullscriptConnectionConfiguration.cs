using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

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
