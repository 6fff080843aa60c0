using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Webhooks;

/// <summary>Support's webhook endpoints: made with a URL and events (the secret shown once), switched off and on, deleted,
/// and their delivery logs, with "send again" and "send test". Only support may; anyone else gets nothing.</summary>
public sealed class WebhookEndpoints(IDbContextFactory<PortalDbContext> dbs, WebhookSecrets secrets, TimeProvider time)
{
    public const int LogSize = 100;

    /// <summary>Null with the reason when <paramref name="support"/> may not make it or the input is not valid.</summary>
    public async Task<(NewWebhookEndpoint? Endpoint, string? Error)> CreateAsync(ClaimsPrincipal support, string? url, IReadOnlyCollection<string> events,
        CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return (null, "Only support staff manage webhooks.");
        var (parsed, error) = WebhookUrl.Parse(url);
        if (parsed is null) return (null, error);
        if (events.Count == 0) return (null, "Pick at least one event.");
        if (events.FirstOrDefault(e => !WebhookEvents.IsKnown(e)) is { } unknown) return (null, $"\"{unknown}\" is not an event the portal sends.");

        var secret = WebhookSecrets.NewSecret();
        var now = time.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            Url = parsed.AbsoluteUri,
            Events = string.Join(' ', WebhookEvents.All.Where(events.Contains)),
            SecretProtected = secrets.Protect(secret),
            CreatedByUserId = support.UserId()!,
            CreatedAt = now,
        };
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        db.Audit(now, WebhookAuditActions.Created, "created", endpoint.CreatedByUserId, detail: $"{endpoint.Url}: {endpoint.Events}");
        await db.SaveChangesAsync(cancellationToken);
        return (new NewWebhookEndpoint((await ViewsAsync(db, db.WebhookEndpoints.Where(e => e.Id == endpoint.Id), cancellationToken)).Single(), secret), null);
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync(ClaimsPrincipal support, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, db.WebhookEndpoints.OrderBy(e => e.CreatedAt), cancellationToken);
    }

    public async Task<WebhookEndpointView?> FindAsync(ClaimsPrincipal support, Guid id, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return null;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return (await ViewsAsync(db, db.WebhookEndpoints.Where(e => e.Id == id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>Switching an endpoint back on forgets its failures; its pending events go out on the next pass.</summary>
    public async Task<bool> SetEnabledAsync(ClaimsPrincipal support, Guid id, bool enabled, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return false;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null || endpoint.Enabled == enabled) return false;
        var now = time.GetUtcNow();
        var by = support.UserId()!;
        endpoint.Enabled = enabled;
        if (enabled) (endpoint.DisabledAt, endpoint.DisabledReason, endpoint.FailingSince) = (null, null, null);
        else (endpoint.DisabledAt, endpoint.DisabledReason) = (now, $"Disabled by {support.Identity?.Name ?? by}.");
        db.Audit(now, enabled ? WebhookAuditActions.Enabled : WebhookAuditActions.Disabled, enabled ? "enabled" : "disabled", by, detail: endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes the endpoint and its log; events not yet delivered are dropped with it.</summary>
    public async Task<bool> DeleteAsync(ClaimsPrincipal support, Guid id, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return false;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return false;
        db.WebhookEndpoints.Remove(endpoint);
        db.Audit(time.GetUtcNow(), WebhookAuditActions.Deleted, "deleted", support.UserId()!, detail: endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The newest <see cref="LogSize"/> deliveries of an endpoint.</summary>
    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(ClaimsPrincipal support, Guid endpointId, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).Take(LogSize)
            .Select(d => new DeliveryView(d.Id, d.MessageId, d.EventType, d.CreatedAt, d.Status, d.Attempts, d.LastResponseCode, d.LastError,
                d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Queues the same event again (same <c>webhook-id</c>, same body) behind the person's newer events.</summary>
    public async Task<bool> SendAgainAsync(ClaimsPrincipal support, long deliveryId, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return false;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.Status != DeliveryStatus.Pending, cancellationToken);
        if (original is null) return false;
        db.WebhookDeliveries.Add(Queued(original.EndpointId, original.MessageId, original.EventType, original.OrderingKey, original.ConnectionId, original.Payload));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Queues a <c>webhook.test</c> event, which names no one, so support can check the receiver and its signature check.</summary>
    public async Task<bool> SendTestAsync(ClaimsPrincipal support, Guid endpointId, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return false;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == endpointId, cancellationToken)) return false;
        var payload = WebhookJson.Serialize(new WebhookMessage(WebhookEvents.Test, time.GetUtcNow(), new WebhookData(null, null, null, null, null, null, null)));
        db.WebhookDeliveries.Add(Queued(endpointId, WebhookOutboxWriter.NewMessageId(), WebhookEvents.Test, $"test:{endpointId}", null, payload));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private WebhookDelivery Queued(Guid endpointId, string messageId, string type, string orderingKey, Guid? connectionId, string payload)
    {
        var now = time.GetUtcNow();
        return new WebhookDelivery
        {
            EndpointId = endpointId,
            MessageId = messageId,
            EventType = type,
            OrderingKey = orderingKey,
            ConnectionId = connectionId,
            Payload = payload,
            CreatedAt = now,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
        };
    }

    private static async Task<IReadOnlyList<WebhookEndpointView>> ViewsAsync(PortalDbContext db, IQueryable<WebhookEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var rows = await (
            from endpoint in endpoints.AsNoTracking()
            join creator in db.Users on endpoint.CreatedByUserId equals creator.Id into creators
            from creator in creators.DefaultIfEmpty()
            select new
            {
                endpoint,
                CreatorName = creator == null ? null : creator.DisplayName,
                Pending = db.WebhookDeliveries.Count(d => d.EndpointId == endpoint.Id && d.Status == DeliveryStatus.Pending),
                Failed = db.WebhookDeliveries.Count(d => d.EndpointId == endpoint.Id && d.Status == DeliveryStatus.Failed),
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new WebhookEndpointView(r.endpoint.Id, r.endpoint.Url, r.endpoint.EventList, r.endpoint.Enabled, r.endpoint.CreatedAt,
            r.CreatorName ?? r.endpoint.CreatedByUserId, r.endpoint.FailingSince, r.endpoint.DisabledAt, r.endpoint.DisabledReason, r.Pending, r.Failed))];
    }
}
