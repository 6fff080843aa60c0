using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

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
