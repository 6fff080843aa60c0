using FullscriptPortal.Api;
using FullscriptPortal.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

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
