using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tokens;

/// <summary>Keeps a connection's tokens usable: refreshes before use when the access token is expired or close to it,
/// stores the rotated pair before anyone uses it, and classifies what Fullscript answered. Callers get values, never
/// token-handling exceptions.</summary>
public sealed partial class ConnectionTokens(
    IDbContextFactory<PortalDbContext> dbs,
    FullscriptClient fullscript,
    TokenProtector protector,
    PerConnection<RefreshRun> coordinator,
    PortalInstance instance,
    IStoreDurability durability,
    PortalMetrics metrics,
    IOptionsMonitor<FullscriptOptions> fullscriptOptions,
    IOptionsMonitor<TokenOptions> tokenOptions,
    TimeProvider time,
    ILogger<ConnectionTokens> logger)
{
    /// <summary>An access token to call Fullscript with, refreshed first when needed; null with the reason otherwise.</summary>
    public async Task<(string? AccessToken, RefreshOutcome Outcome)> GetAccessTokenAsync(Guid connectionId, string actor, CancellationToken cancellationToken)
    {
        var run = await RunAsync(connectionId, actor, force: false, margin: null, cancellationToken);
        var outcome = run.Outcome;
        if (!outcome.Succeeded) return (null, outcome);
        if (run.AccessToken is { } refreshed) return (refreshed, outcome); // stored already; shared by everyone who waited

        // Read back what is stored: the token handed out is always the durable one.
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var stored = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId).Select(c => c.AccessTokenProtected).SingleOrDefaultAsync(cancellationToken);
        return stored is null
            ? (null, new RefreshOutcome(RefreshResult.NotRefreshable, RefreshCode.NoTokens))
            : (protector.Unprotect(stored), outcome);
    }

    /// <summary>Refreshes when the access token is expired or within <paramref name="margin"/> of it (default
    /// <c>RefreshBeforeExpiry</c>, scaled to the token's lifetime by <see cref="RefreshMargins"/>; the worker passes its
    /// proactive margin), always when <paramref name="force"/>d, one
    /// refresh per connection at a time.</summary>
    public async Task<RefreshOutcome> RefreshAsync(Guid connectionId, string actor, bool force, CancellationToken cancellationToken, TimeSpan? margin = null) =>
        (await RunAsync(connectionId, actor, force, margin, cancellationToken)).Outcome;

    private Task<RefreshRun> RunAsync(Guid connectionId, string actor, bool force, TimeSpan? margin, CancellationToken cancellationToken) =>
        coordinator.RunAsync(connectionId, async () =>
        {
            var started = time.GetTimestamp();
            var run = await RefreshOnceAsync(connectionId, actor, force, margin);
            if (run.Outcome.Result != RefreshResult.NotNeeded) metrics.Refreshed(run.Outcome.Result, time.GetElapsedTime(started));
            return run;
        }, cancellationToken);

    private async Task<RefreshRun> RefreshOnceAsync(Guid connectionId, string actor, bool force, TimeSpan? margin)
    {
        // Not the caller's token: other callers share this refresh, and a pair Fullscript issued must be stored.
        var cancellationToken = CancellationToken.None;
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);

            if (connection?.State == ConnectionState.NeedsReconnect)
                return new(RefreshOutcome.NeedsReconnect(connection.StateReason));
            if (connection is null || connection.RefreshTokenProtected is null || connection.State == ConnectionState.Revoked || connection.DisconnectRequestedAt is not null)
                return Run(RefreshResult.NotRefreshable, RefreshCode.DisconnectedOrDisconnecting);
            var fresh = connection.State == ConnectionState.Active
                && connection.AccessTokenExpiresAt > now + (margin ?? RefreshMargins.Margin(fullscriptOptions.CurrentValue.RefreshBeforeExpiry, connection.ExpiresInSeconds));
            if (fresh && !force)
                return Run(RefreshResult.NotNeeded, RefreshCode.StillFresh);
            if (connection.NextRefreshAttemptAt > now)
                return new(new RefreshOutcome(RefreshResult.WillRetry, RefreshCode.WaitRequested, NextAttemptAt: connection.NextRefreshAttemptAt));

            // Across instances: one holds the lease and calls Fullscript; the others wait and read what it stored.
            if (RefreshLease.IsHeldByAnother(connection.RefreshLeaseUntil, connection.RefreshLeaseOwner, instance.Id, now))
            {
                if (attempt >= MaxLeaseWaits) return Run(RefreshResult.WillRetry, RefreshCode.OtherInstanceRefreshing);
                force = false; // the other instance's fresh pair satisfies a forced refresh too
                await Task.Delay(LeasePoll, CancellationToken.None); // wall clock: waiting for another process, not business time
                continue;
            }
            (connection.RefreshLeaseOwner, connection.RefreshLeaseUntil) = (instance.Id, now + tokenOptions.CurrentValue.RefreshLease);
            try
            {
                // The lease need not survive a power cut (it only expires sooner), so it skips the fsync the token write pays for.
                await durability.SaveRelaxedAsync(db, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // someone wrote first: read again
            }

            var result = await fullscript.RefreshAsync(connection.ServerKey, protector.Unprotect(connection.RefreshTokenProtected), redirectUri: null, cancellationToken);
            now = time.GetUtcNow();
            (connection.RefreshLeaseOwner, connection.RefreshLeaseUntil) = (null, null);
            if (result.Succeeded) return await StoreRefreshedAsync(db, connection, result.Value, actor, result.RequestId, now, cancellationToken);
            try
            {
                return new RefreshRun(result.Error.Kind == FailureKind.Rejected
                    ? await EndGrantAsync(db, connection, result.Error, actor, result.RequestId, now, cancellationToken)
                    : await BackOffAsync(db, connection, result.Error, actor, result.RequestId, now, cancellationToken));
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLostRace(connectionId);
                return Run(RefreshResult.WillRetry, RefreshCode.OtherInstanceUpdated);
            }
        }
    }

    private static RefreshRun Run(RefreshResult result, RefreshCode code) => new(new RefreshOutcome(result, code));

    private const int MaxLeaseWaits = 150;
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(200);

    private async Task<RefreshRun> StoreRefreshedAsync(PortalDbContext db, FullscriptConnection connection, TokenSet tokens,
        string actor, string? requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = connection.State;
        var missing = RequiredScopes.MissingFrom(fullscriptOptions.CurrentValue.RequiredScopes, tokens.Scope);
        connection.ApplyRefreshedPair(protector.Protect(tokens), missing, now);
        db.Audit(now, AuditActions.Refreshed, missing is null ? "refreshed" : "missing-scope", actor, connection.UserId, connection.Id,
            $"{before} → {connection.State}" + (missing is null ? "" : $"; {connection.StateReason}"), requestId);

        try
        {
            // Durable before anyone uses the new access token (a full sync, see SqliteConnectionSetup).
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out mid-call and another instance stored a newer pair: ours is discarded, never written over it.
            LogLostRace(connection.Id);
            return Run(RefreshResult.WillRetry, RefreshCode.OtherInstanceRefreshed);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Not swallowed: logged as an error and reported. The new pair is dropped unused, so the stored refresh token
            // stays valid at Fullscript (fullscript-api.md §3) and the next attempt simply uses it again.
            LogStoreFailed(ex, connection.Id);
            return Run(RefreshResult.WillRetry, RefreshCode.StoreFailed);
        }
        return missing is null
            ? new RefreshRun(new RefreshOutcome(RefreshResult.Refreshed, RefreshCode.Refreshed), tokens.AccessToken)
            : new RefreshRun(RefreshOutcome.NeedsReconnect(connection.StateReason));
    }

    private static async Task<RefreshOutcome> EndGrantAsync(PortalDbContext db, FullscriptConnection connection, FullscriptError error,
        string actor, string? requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = connection.State;
        // invalid_client refuses the portal, not the grant, which may well be alive; invalid_grant: the tokens are dead.
        if (error.Code == "invalid_client") connection.RequireReconnect(StateReasons.ClientRejected, now);
        else connection.EndGrant(StateReasons.GrantRejected, now);
        db.Audit(now, AuditActions.Refreshed, "rejected", actor, connection.UserId, connection.Id, $"{before} → NeedsReconnect; {error.Code}", requestId);
        await db.SaveChangesAsync(cancellationToken);
        return RefreshOutcome.NeedsReconnect(connection.StateReason);
    }

    private async Task<RefreshOutcome> BackOffAsync(PortalDbContext db, FullscriptConnection connection, FullscriptError error,
        string actor, string? requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = connection.State;
        if (connection.CountFailure(tokenOptions.CurrentValue.GiveUpAfter, now))
        {
            // Kept trying for the whole period: tell the person, rather than retry forever in silence.
            connection.RequireReconnect(StateReasons.GaveUp(tokenOptions.CurrentValue.GiveUpAfter, error.Code), now);
            db.Audit(now, AuditActions.Refreshed, "gave-up", actor, connection.UserId, connection.Id, $"{before} → NeedsReconnect; {error.Code}", requestId);
            await db.SaveChangesAsync(cancellationToken);
            return RefreshOutcome.NeedsReconnect(connection.StateReason);
        }
        var wait = tokenOptions.CurrentValue.BackoffAfter(connection.ConsecutiveFailures);
        if (error.RetryAfter > wait) wait = error.RetryAfter.Value;
        connection.BackOff(now + wait, now);
        db.Audit(now, AuditActions.Refreshed, "transient-failure", actor, connection.UserId, connection.Id,
            $"{before} → RefreshFailing; {error.Code}; retry in {wait.TotalSeconds:0}s", requestId);
        await db.SaveChangesAsync(cancellationToken);
        return new(RefreshResult.WillRetry, RefreshCode.Unreachable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} was updated by another instance during a refresh; this instance's result is discarded")]
    private partial void LogLostRace(Guid connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing the refreshed tokens of connection {ConnectionId} failed; the previous pair is kept")]
    private partial void LogStoreFailed(Exception exception, Guid connectionId);
}
