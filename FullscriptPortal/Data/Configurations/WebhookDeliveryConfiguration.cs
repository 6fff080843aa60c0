using FullscriptPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("WebhookOutbox");
        delivery.Property(d => d.MessageId).HasMaxLength(40);
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.OrderingKey).HasMaxLength(100);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(500);
        // What is due, and what is still ahead of it for the same endpoint and person.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.EndpointId, d.OrderingKey, d.Status, d.Id });
    }
}
