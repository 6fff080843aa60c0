using FullscriptPortal.Audit;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Observability;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Lifecycle;

/// <summary>One pass of the background work, run by whichever instance holds the worker lease: finish exchanges whose
/// browser went away, retry disconnects Fullscript has not confirmed, retry refreshes whose back-off is over, refresh
/// ahead of expiry, and probe idle connections, always within the Fullscript budget.</summary>
public sealed class LifecycleSweep(
    IDbContextFactory<PortalDbContext> dbs,
    CodeExchanger exchanger,
    Disconnector disconnector,
    ConnectionTokens tokens,
    ConnectionProbe probe,
    FullscriptBudget budget,
    PortalInstance instance,
    PortalMetrics metrics,
    WorkerHeartbeat heartbeat,
    IOptionsMonitor<TokenOptions> options,
    TimeProvider time)
{
    public const string LeaseName = "lifecycle-worker";

    public async Task<SweepReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        if (!await WorkerLeases.HoldAsync(dbs, LeaseName, instance.Id, now, o.WorkerInterval * 3, cancellationToken))
        {
            heartbeat.Beat(now, active: false);
            return SweepReport.Standby;
        }

        // What the other instances spent is read once per sweep, before this one spends.
        await budget.RefreshAsync(cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var abandonedBefore = now - o.AbandonedExchangeAfter;
        var codeWindowStart = now - PendingAuthorization.Lifetime;
        var abandoned = await db.PendingAuthorizations
            .Where(p => p.CodeProtected != null && p.ExchangeStartedAt == null && p.CompletedAt == null
                && p.CodeReceivedAt <= abandonedBefore && p.CodeReceivedAt > codeWindowStart)
            .OrderBy(p => p.CodeReceivedAt) // oldest first: its code lapses soonest
            .Select(p => p.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in abandoned) await exchanger.ExchangeAsync(id, AuditActions.System, cancellationToken);

        var disconnects = await db.Connections
            .Where(c => c.DisconnectRequestedAt != null && c.State != ConnectionState.Revoked)
            .OrderBy(c => c.DisconnectRequestedAt)
            .Select(c => c.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in disconnects) await disconnector.RetryAsync(id, cancellationToken);

        var retries = await db.Connections
            .Where(c => c.State == ConnectionState.RefreshFailing && c.DisconnectRequestedAt == null && c.NextRefreshAttemptAt <= now)
            .OrderBy(c => c.NextRefreshAttemptAt)
            .Select(c => c.Id).Take(Math.Min(100, budget.AvailableForBackgroundWork)).ToListAsync(cancellationToken);
        foreach (var id in retries) await tokens.RefreshAsync(id, AuditActions.System, force: false, cancellationToken);

        var proactive = o.ProactiveRefresh.Enabled ? await RefreshAheadAsync(db, now, o.ProactiveRefresh, cancellationToken) : 0;
        var probed = o.Probe.Enabled ? await ProbeIdleAsync(db, now, o.Probe, cancellationToken) : 0;

        metrics.ConnectionsByState(await db.Connections.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken));
        heartbeat.Beat(time.GetUtcNow(), active: true);
        return new SweepReport(abandoned.Count, disconnects.Count, retries.Count, proactive, probed);
    }

    /// <summary>Refreshes the connections due soonest, as many as the budget allows, a few at a time.</summary>
    private async Task<int> RefreshAheadAsync(PortalDbContext db, DateTimeOffset now, ProactiveRefreshOptions o, CancellationToken cancellationToken)
    {
        var allowance = Math.Min(o.MaxPerSweep, budget.AvailableForBackgroundWork);
        if (allowance <= 0) return 0;
        var horizon = now + o.Margin + o.Jitter;
        var candidates = await db.Connections
            .Where(c => c.State == ConnectionState.Active && c.DisconnectRequestedAt == null && c.AccessTokenExpiresAt <= horizon)
            .OrderBy(c => c.AccessTokenExpiresAt)
            .Select(c => new { c.Id, c.AccessTokenExpiresAt, c.ExpiresInSeconds }).Take(allowance * 2).ToListAsync(cancellationToken);
        // Each connection's own jitter, fixed by its id, so a crowd connected at once does not refresh in one burst; both
        // scaled to a short-lived token, which would otherwise be due again on every sweep.
        var due = candidates.Select(c => (c.Id, c.AccessTokenExpiresAt, Margin: MarginOf(c.Id, c.ExpiresInSeconds, o)))
            .Where(c => c.AccessTokenExpiresAt <= now + c.Margin).Take(allowance).ToList();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxConcurrency), CancellationToken = cancellationToken },
            async (c, token) => await tokens.RefreshAsync(c.Id, AuditActions.System, force: false, token, margin: c.Margin));
        return due.Count;
    }

    /// <summary>How long before expiry the worker renews a connection's token: the margin plus the connection's jitter,
    /// each scaled to the token's lifetime (unchanged for Fullscript's two-hour tokens).</summary>
    internal static TimeSpan MarginOf(Guid id, int lifetimeSeconds, ProactiveRefreshOptions o) =>
        RefreshMargins.Margin(o.Margin, lifetimeSeconds) + JitterOf(id, RefreshMargins.Jitter(o.Jitter, lifetimeSeconds));

    private async Task<int> ProbeIdleAsync(PortalDbContext db, DateTimeOffset now, ProbeOptions o, CancellationToken cancellationToken)
    {
        var staleBefore = now - o.Interval;
        var idle = await db.Connections
            .Where(c => c.State == ConnectionState.Active && c.DisconnectRequestedAt == null && (c.LastProbedAt == null || c.LastProbedAt <= staleBefore))
            .OrderBy(c => c.LastProbedAt)
            .Select(c => c.Id).Take(Math.Min(o.MaxPerSweep, budget.AvailableForBackgroundWork / 2)).ToListAsync(cancellationToken);
        foreach (var id in idle) await probe.CheckAsync(id, AuditActions.System, cancellationToken);
        return idle.Count;
    }

    /// <summary>A connection's own extra margin for proactive refresh: fixed by its id, between zero and <paramref name="jitter"/>.</summary>
    internal static TimeSpan JitterOf(Guid id, TimeSpan jitter) =>
        jitter <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds((id.GetHashCode() & int.MaxValue) % Math.Max(1, (int)jitter.TotalSeconds));
}
