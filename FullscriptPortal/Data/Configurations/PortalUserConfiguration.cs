using FullscriptPortal.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

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
