using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tokens;

/// <summary>Proves a connection works with Fullscript's cheapest call, <c>GET /clinic</c>, refreshing first when needed. A
/// 401 after a fresh refresh means the app was revoked inside Fullscript, which no webhook announces.</summary>
public sealed partial class ConnectionProbe(IDbContextFactory<PortalDbContext> dbs, ConnectionTokens tokens, FullscriptClient fullscript,
    PerConnection<RefreshOutcome> coordinator, TimeProvider time, ILogger<ConnectionProbe> logger)
{
    /// <summary>"Refresh now": rotates the pair, then proves the new access token with the clinic call. A second request
    /// for the same connection while one runs joins it.</summary>
    public Task<RefreshOutcome> RefreshThenCheckAsync(Guid connectionId, string actor, CancellationToken cancellationToken) =>
        // Not the caller's token: others may share this run, and a rotated pair must be proved and recorded.
        coordinator.RunAsync(connectionId, () => RefreshThenCheckOnceAsync(connectionId, actor, CancellationToken.None), cancellationToken);

    private async Task<RefreshOutcome> RefreshThenCheckOnceAsync(Guid connectionId, string actor, CancellationToken cancellationToken)
    {
        var refreshed = await tokens.RefreshAsync(connectionId, actor, force: true, cancellationToken);
        if (refreshed.Result != RefreshResult.Refreshed) return refreshed;
        var checkedOutcome = await CheckAsync(connectionId, actor, cancellationToken);
        return checkedOutcome.Succeeded ? new(RefreshResult.Refreshed, RefreshCode.RefreshedAndConfirmed) : checkedOutcome;
    }

    public async Task<RefreshOutcome> CheckAsync(Guid connectionId, string actor, CancellationToken cancellationToken)
    {
        var (accessToken, outcome) = await tokens.GetAccessTokenAsync(connectionId, actor, cancellationToken);
        if (accessToken is null) return outcome;

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleAsync(c => c.Id == connectionId, cancellationToken);
        var clinic = await fullscript.GetClinicAsync(connection.ServerKey, accessToken, cancellationToken);
        if (clinic.Error?.Kind == FailureKind.Rejected && outcome.Result != RefreshResult.Refreshed)
        {
            // The access token may just be stale on Fullscript's side: one forced refresh, then one more try.
            var refreshed = await tokens.RefreshAsync(connectionId, actor, force: true, cancellationToken);
            if (refreshed.Result != RefreshResult.Refreshed) return refreshed;
            (accessToken, _) = await tokens.GetAccessTokenAsync(connectionId, actor, cancellationToken);
            if (accessToken is null) return refreshed;
            await db.Entry(connection).ReloadAsync(cancellationToken);
            clinic = await fullscript.GetClinicAsync(connection.ServerKey, accessToken, cancellationToken);
        }

        try
        {
            var now = time.GetUtcNow();
            await ClinicRecorder.RecordLookupAsync(db, connection, clinic, AuditActions.Probed, actor, now, cancellationToken);
            if (clinic.Succeeded)
            {
                connection.LastProbedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                return new(outcome.Result == RefreshResult.Refreshed ? RefreshResult.Refreshed : RefreshResult.NotNeeded, RefreshCode.Works);
            }
            if (clinic.Error.Kind == FailureKind.Rejected)
            {
                connection.EndGrant(StateReasons.AccessTokenRejected, now);
                await db.SaveChangesAsync(cancellationToken);
                return RefreshOutcome.NeedsReconnect(connection.StateReason);
            }
            await db.SaveChangesAsync(cancellationToken);
            return new(RefreshResult.WillRetry, RefreshCode.CheckUnreachable);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone wrote the connection meanwhile (the worker, a refresh from elsewhere): what this check saw may be
            // stale, so none of it is stored, and the page shows the connection as it is now.
            LogChangedMeanwhile(connectionId);
            return new(clinic.Succeeded ? RefreshResult.NotNeeded : RefreshResult.WillRetry, RefreshCode.ChangedMeanwhile);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} changed while it was being checked; the check's result is not stored")]
    private partial void LogChangedMeanwhile(Guid connectionId);
}
