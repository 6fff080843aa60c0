using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Connections;

/// <summary>One pass of the background work: finish exchanges whose browser went away, retry disconnects Fullscript has not
/// confirmed, and retry refreshes whose back-off is over.</summary>
public sealed class LifecycleSweep(
    IDbContextFactory<PortalDbContext> dbs,
    CodeExchanger exchanger,
    Disconnector disconnector,
    ConnectionTokens tokens,
    IOptionsMonitor<TokenOptions> options,
    TimeProvider time)
{
    public async Task<SweepReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var abandonedBefore = now - options.CurrentValue.AbandonedExchangeAfter;
        var codeWindowStart = now - PendingAuthorization.Lifetime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var abandoned = await db.PendingAuthorizations
            .Where(p => p.CodeProtected != null && p.ExchangeStartedAt == null && p.CompletedAt == null
                && p.CodeReceivedAt <= abandonedBefore && p.CodeReceivedAt > codeWindowStart)
            .Select(p => p.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in abandoned) await exchanger.ExchangeAsync(id, AuditActions.System, cancellationToken);

        var disconnects = await db.Connections
            .Where(c => c.DisconnectRequestedAt != null && c.State != ConnectionState.Revoked)
            .Select(c => c.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in disconnects) await disconnector.RetryAsync(id, cancellationToken);

        var retries = await db.Connections
            .Where(c => c.State == ConnectionState.RefreshFailing && c.DisconnectRequestedAt == null && c.NextRefreshAttemptAt <= now)
            .OrderBy(c => c.NextRefreshAttemptAt)
            .Select(c => c.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in retries) await tokens.RefreshAsync(id, AuditActions.System, force: false, cancellationToken);

        return new SweepReport(abandoned.Count, disconnects.Count, retries.Count);
    }
}

public sealed record SweepReport(int Exchanges, int Disconnects, int Refreshes);
