using FullscriptPortal.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

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
