using FullscriptPortal.Auth;
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
