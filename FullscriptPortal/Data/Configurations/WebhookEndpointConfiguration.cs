using FullscriptPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FullscriptPortal.Data;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Url).HasMaxLength(WebhookUrl.MaxLength);
        endpoint.Property(e => e.Events).HasMaxLength(500);
        endpoint.Property(e => e.SecretProtected).HasMaxLength(1000);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(1000);
        endpoint.Ignore(e => e.EventList);
        endpoint.HasMany<WebhookDelivery>().WithOne().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
