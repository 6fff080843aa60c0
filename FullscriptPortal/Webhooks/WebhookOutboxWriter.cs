using System.Collections.Concurrent;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Webhooks;

/// <summary>Adds outbox rows to the very SaveChanges that changes a connection or deactivates a person, so the event
/// commits (or rolls back) with its cause: a crash can lose neither one without the other. One row per subscribed
/// endpoint, written now, so each endpoint has its own attempts and log, and an endpoint added later does not receive
/// older events.</summary>
public sealed class WebhookOutboxWriter(TimeProvider time) : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, WebhookDelivery[]> _added = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is Data.PortalDbContext db)
        {
            var events = ConnectionEvents(db).Concat(DeactivationEvents(db)).ToList();
            if (events.Count > 0)
            {
                var rows = await RowsForSubscribersAsync(db, events, cancellationToken);
                db.WebhookDeliveries.AddRange(rows);
                _added[db] = rows;
            }
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _added.TryRemove(eventData.Context!, out _);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    /// <summary>A failed save (a lost version race, say) must not leave its rows tracked for the caller's next attempt,
    /// which works out its own events again.</summary>
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_added.TryRemove(eventData.Context!, out var rows))
        {
            foreach (var row in rows) eventData.Context!.Entry(row).State = EntityState.Detached;
        }
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private sealed record PendingEvent(string Type, string OrderingKey, Guid? ConnectionId, string? UserId, int? ClinicId, WebhookData Data);

    private static IEnumerable<PendingEvent> ConnectionEvents(Data.PortalDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<FullscriptConnection>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true);
            var after = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false);
            var c = entry.Entity;
            var data = new WebhookData(c.Id, (after ?? before)!.State.ToString(), after?.StateReason, c.ServerKey, null, null, null);
            foreach (var type in ConnectionEventMap.EventsOf(before, after))
                yield return new PendingEvent(type, OrderingKeyOf(c.UserId, c.ClinicId), c.Id, c.UserId, c.ClinicId, data);
        }
    }

    private static IEnumerable<PendingEvent> DeactivationEvents(Data.PortalDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<PortalUser>())
        {
            if (entry.State != EntityState.Modified) continue;
            var deactivated = entry.Property(u => u.DeactivatedAt);
            if (deactivated.OriginalValue is not null || deactivated.CurrentValue is null) continue;
            var user = entry.Entity;
            yield return new PendingEvent(WebhookEvents.UserDeactivated, OrderingKeyOf(user.Id, null), null, user.Id, null,
                new WebhookData(null, null, null, null, user.ExternalId, user.Email, null));
        }
    }

    /// <summary>A person's events share one key, so "deactivated" goes out before the disconnect that follows it.</summary>
    internal static string OrderingKeyOf(string? userId, int? clinicId) => userId is not null ? $"user:{userId}" : $"clinic:{clinicId}";

    private static ConnectionSnapshot Snapshot(EntityEntry<FullscriptConnection> entry, bool original)
    {
        T Value<T>(System.Linq.Expressions.Expression<Func<FullscriptConnection, T>> property)
        {
            var p = entry.Property(property);
            return original ? p.OriginalValue : p.CurrentValue;
        }
        return new ConnectionSnapshot(Value(c => c.State), Value(c => c.StateReason), Value(c => c.ConnectedAt), Value(c => c.LastRefreshedAt));
    }

    private async Task<WebhookDelivery[]> RowsForSubscribersAsync(Data.PortalDbContext db, List<PendingEvent> events, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => new { e.Id, e.Events }).ToListAsync(cancellationToken);
        if (endpoints.Count == 0) return [];
        var now = time.GetUtcNow();
        var rows = new List<WebhookDelivery>();
        foreach (var e in events)
        {
            var subscribers = endpoints.Where(x => x.Events.Split(' ').Contains(e.Type, StringComparer.Ordinal)).ToList();
            if (subscribers.Count == 0) continue;
            var payload = WebhookJson.Serialize(new WebhookMessage(e.Type, now, await WithPersonAsync(db, e, cancellationToken)));
            var messageId = NewMessageId();
            rows.AddRange(subscribers.Select(s => new WebhookDelivery
            {
                EndpointId = s.Id,
                MessageId = messageId,
                EventType = e.Type,
                OrderingKey = e.OrderingKey,
                ConnectionId = e.ConnectionId,
                Payload = payload,
                CreatedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
            }));
        }
        return [.. rows];
    }

    /// <summary>Adds who the connection belongs to, as the integrating app knows them (its external ids, the email).</summary>
    private static async Task<WebhookData> WithPersonAsync(Data.PortalDbContext db, PendingEvent e, CancellationToken cancellationToken)
    {
        if (e.UserId is { } userId && e.Data.Email is null)
        {
            var person = db.ChangeTracker.Entries<PortalUser>().Select(u => u.Entity).FirstOrDefault(u => u.Id == userId)
                ?? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            return e.Data with { ExternalId = person?.ExternalId, Email = person?.Email };
        }
        if (e.ClinicId is { } clinicId)
        {
            var clinic = await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.ExternalId).FirstOrDefaultAsync(cancellationToken);
            return e.Data with { ClinicExternalId = clinic };
        }
        return e.Data;
    }

    internal static string NewMessageId() => "msg_" + Guid.CreateVersion7().ToString("N");
}
