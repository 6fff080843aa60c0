using System.Collections.Concurrent;
using System.Security.Cryptography;
using FullscriptPortal.Audit;
using FullscriptPortal.Data;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Webhooks;

/// <summary>One pass of webhook delivery, run by whichever instance holds the webhook lease. Only the oldest pending event
/// of each (endpoint, person) is due, so a later event never overtakes an earlier one that is still being retried; it
/// goes ahead once that one is delivered or given up.</summary>
public sealed partial class WebhookDeliveryPass(
    IDbContextFactory<PortalDbContext> dbs,
    WebhookSender sender,
    WebhookSecrets secrets,
    PortalInstance instance,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryPass> logger)
{
    public const string LeaseName = "webhook-worker";

    public async Task<DeliveryPassReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        // Long enough for a pass of slow receivers, so another instance does not start the same deliveries meanwhile.
        var lease = o.WorkerInterval * 3 + o.Timeout * 3;
        var leaseUntil = time.GetUtcNow() + lease;
        if (!await WorkerLeases.HoldAsync(dbs, LeaseName, instance.Id, time.GetUtcNow(), lease, cancellationToken)) return DeliveryPassReport.Standby;

        var outcomes = new ConcurrentBag<DeliveryStatus>();
        var silent = new ConcurrentDictionary<Guid, bool>();
        var attempts = 0;
        while (attempts < o.MaxAttemptsPerPass && time.GetUtcNow() + o.Timeout < leaseUntil)
        {
            var due = (await DueAsync(o.MaxAttemptsPerPass - attempts, cancellationToken)).Where(d => !silent.ContainsKey(d.EndpointId)).ToList();
            if (due.Count == 0) break;
            // Endpoints side by side, each endpoint's deliveries one at a time (they share its failure record).
            await Parallel.ForEachAsync(due.GroupBy(d => d.EndpointId), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxConcurrency), CancellationToken = cancellationToken },
                async (endpoint, token) =>
                {
                    foreach (var (id, _) in endpoint)
                    {
                        // Within the lease only, so no other instance sends the same event meanwhile.
                        if (time.GetUtcNow() + o.Timeout >= leaseUntil) break;
                        if (await AttemptAsync(id, o, token) is not { } attempt) break;
                        outcomes.Add(attempt.Status);
                        // A receiver that did not answer at all would make every further event wait out the timeout too:
                        // the rest stay due for the next pass.
                        if (attempt.Result.StatusCode is null && !attempt.Result.Succeeded)
                        {
                            silent[endpoint.Key] = true;
                            break;
                        }
                    }
                });
            attempts += due.Count;
        }
        return new DeliveryPassReport(outcomes.Count(s => s == DeliveryStatus.Delivered), outcomes.Count(s => s == DeliveryStatus.Pending),
            outcomes.Count(s => s == DeliveryStatus.Failed));
    }

    private async Task<List<(long Id, Guid EndpointId)>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
            .Where(d => !db.WebhookDeliveries.Any(earlier => earlier.EndpointId == d.EndpointId && earlier.OrderingKey == d.OrderingKey
                && earlier.Status == DeliveryStatus.Pending && earlier.Id < d.Id))
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.EndpointId }).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.EndpointId))];
    }

    /// <summary>Sends one delivery and records the outcome; null when its endpoint is gone or disabled meanwhile.</summary>
    private async Task<(DeliveryStatus Status, AttemptResult Result)?> AttemptAsync(long id, WebhookOptions o, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is not { Enabled: true } || delivery.Status != DeliveryStatus.Pending) return null;

        var result = await SendAsync(endpoint, delivery, cancellationToken);
        var now = time.GetUtcNow();
        delivery.Attempts++;
        (delivery.LastAttemptAt, delivery.LastResponseCode, delivery.LastError) = (now, result.StatusCode, result.Error);
        if (result.Succeeded)
        {
            (delivery.Status, delivery.DeliveredAt, delivery.NextAttemptAt) = (DeliveryStatus.Delivered, now, null);
            endpoint.FailingSince = null;
        }
        else
        {
            var wait = RetrySchedule.After(delivery.Attempts);
            (delivery.Status, delivery.NextAttemptAt) = wait is { } w ? (DeliveryStatus.Pending, now + w) : (DeliveryStatus.Failed, (DateTimeOffset?)null);
            endpoint.FailingSince ??= now;
            if (now - endpoint.FailingSince >= o.DisableAfter) Disable(db, endpoint, now, result);
            LogAttemptFailed(endpoint.Id, delivery.MessageId, delivery.Attempts, result.Error);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (delivery.Status, result);
    }

    private async Task<AttemptResult> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(endpoint.SecretProtected);
        }
        catch (CryptographicException)
        {
            return AttemptResult.Failed(null, "The portal cannot read this endpoint's signing secret (its Data Protection key is gone); delete the endpoint and create it again.");
        }
        return await sender.SendAsync(endpoint.Url, secret, delivery.MessageId, delivery.Payload, cancellationToken);
    }

    /// <summary>A receiver that has failed every delivery for a day is switched off, saying why, so support can fix it and
    /// switch it back on; its pending events wait meanwhile.</summary>
    private void Disable(PortalDbContext db, WebhookEndpoint endpoint, DateTimeOffset now, AttemptResult last)
    {
        var hours = (now - endpoint.FailingSince!.Value).TotalHours;
        endpoint.Enabled = false;
        endpoint.DisabledAt = now;
        endpoint.DisabledReason = $"Disabled by the portal: every delivery failed for {hours:0} hours (since {endpoint.FailingSince:yyyy-MM-dd HH:mm} UTC). Last: {last.Error}";
        db.Audit(now, WebhookAuditActions.Disabled, "auto", AuditActions.System, detail: $"{endpoint.Url}: {last.Error}");
        LogEndpointDisabled(endpoint.Id, hours);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {MessageId} to endpoint {EndpointId} failed (attempt {Attempt}): {Error}")]
    private partial void LogAttemptFailed(Guid endpointId, string messageId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled after {Hours:0} hours of failures")]
    private partial void LogEndpointDisabled(Guid endpointId, double hours);
}
