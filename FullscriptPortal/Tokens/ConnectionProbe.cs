using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tokens;

/// <summary>Proves a connection works with Fullscript's cheapest call, <c>GET /clinic</c>, refreshing first when needed. A
/// 401 after a fresh refresh means the app was revoked inside Fullscript, which no webhook announces.</summary>
public sealed class ConnectionProbe(IDbContextFactory<PortalDbContext> dbs, ConnectionTokens tokens, FullscriptClient fullscript, TimeProvider time)
{
    /// <summary>"Refresh now": rotates the pair, then proves the new access token with the clinic call.</summary>
    public async Task<RefreshOutcome> RefreshThenCheckAsync(Guid connectionId, string actor, CancellationToken cancellationToken)
    {
        var refreshed = await tokens.RefreshAsync(connectionId, actor, force: true, cancellationToken);
        if (refreshed.Result != RefreshResult.Refreshed) return refreshed;
        var checkedOutcome = await CheckAsync(connectionId, actor, cancellationToken);
        return checkedOutcome.Succeeded ? new(RefreshResult.Refreshed, "Refreshed. Fullscript confirmed the connection works.") : checkedOutcome;
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

        var now = time.GetUtcNow();
        if (clinic.Succeeded)
        {
            await ClinicRecorder.RecordAsync(db, connection, clinic.Value, cancellationToken);
            connection.UpdatedAt = now;
            connection.LastProbedAt = now;
            db.Audit(now, AuditActions.Probed, "ok", actor, connection.UserId, connection.Id, clinic.Value.Name, clinic.RequestId);
            await db.SaveChangesAsync(cancellationToken);
            return new(outcome.Result == RefreshResult.Refreshed ? RefreshResult.Refreshed : RefreshResult.NotNeeded, "The connection works.");
        }
        if (clinic.Error.Kind == FailureKind.Rejected)
        {
            connection.State = ConnectionState.NeedsReconnect;
            connection.StateReason = StateReasons.RejectedAccessToken;
            (connection.AccessTokenProtected, connection.RefreshTokenProtected) = (null, null);
            connection.UpdatedAt = now;
            db.Audit(now, AuditActions.Probed, "rejected", actor, connection.UserId, connection.Id, clinic.Error.Code, clinic.RequestId);
            await db.SaveChangesAsync(cancellationToken);
            return new(RefreshResult.NeedsReconnect, connection.StateReason);
        }
        db.Audit(now, AuditActions.Probed, "transient-failure", actor, connection.UserId, connection.Id, clinic.Error.Code, clinic.RequestId);
        await db.SaveChangesAsync(cancellationToken);
        return new(RefreshResult.WillRetry, "Fullscript could not be reached to check the connection; try again shortly.");
    }
}
