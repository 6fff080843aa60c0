using FullscriptPortal.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

internal sealed class FullscriptCallCountConfiguration : IEntityTypeConfiguration<FullscriptCallCount>
{
    public void Configure(EntityTypeBuilder<FullscriptCallCount> count)
    {
        // The key is what the ledger's upsert conflicts on; the second alone is what the window reads and the pruning deletes by.
        count.HasKey(c => new { c.Instance, c.UnixSecond });
        count.Property(c => c.Instance).HasMaxLength(64);
        count.HasIndex(c => c.UnixSecond);
    }
}
