using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tokens;

/// <summary>Disconnect: revoke at Fullscript with the refresh token, and only when Fullscript confirms, delete the local
/// tokens. Nobody is told a connection is gone while Fullscript may still hold a live grant.</summary>
public sealed class Disconnector(IDbContextFactory<PortalDbContext> dbs, FullscriptClient fullscript, TokenProtector protector, TimeProvider time)
{
    public async Task<DisconnectOutcome> DisconnectAsync(Guid connectionId, string actor, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null) return new(DisconnectResult.NotFound, DisconnectCode.NoSuchConnection);
        if (connection.State == ConnectionState.Revoked) return new(DisconnectResult.Disconnected, DisconnectCode.AlreadyDisconnected);

        // Recorded first, so a crash or an outage between here and Fullscript's answer still shows "Disconnect pending".
        if (connection.RequestDisconnect(actor, reason, now)) await db.SaveChangesAsync(cancellationToken);
        return await RevokeAtFullscriptAsync(db, connection, actor, cancellationToken);
    }

    /// <summary>Retries a disconnect Fullscript has not confirmed (used by the lifecycle worker).</summary>
    public async Task<DisconnectOutcome> RetryAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId && c.DisconnectRequestedAt != null && c.State != ConnectionState.Revoked, cancellationToken);
        return connection is null
            ? new(DisconnectResult.NotFound, DisconnectCode.NothingToRetry)
            : await RevokeAtFullscriptAsync(db, connection, AuditActions.System, cancellationToken);
    }

    private async Task<DisconnectOutcome> RevokeAtFullscriptAsync(PortalDbContext db, FullscriptConnection connection, string actor, CancellationToken cancellationToken)
    {
        // The refresh token: whether revoking the access token also ends the refresh token is not documented.
        var token = connection.RefreshTokenProtected ?? connection.AccessTokenProtected;
        string? requestId = null;
        if (token is not null)
        {
            var result = await fullscript.RevokeAsync(connection.ServerKey, protector.Unprotect(token), cancellationToken);
            requestId = result.RequestId;
            // A 400 (such as invalid_grant) means the grant is already gone; invalid_client means ours were refused, and the
            // grant may well be alive.
            var confirmed = result.Succeeded || (result.Error.Kind == FailureKind.Rejected && result.Error.Code != "invalid_client");
            if (!confirmed)
            {
                db.Audit(time.GetUtcNow(), AuditActions.Disconnect, "pending", actor, connection.UserId, connection.Id, result.Error!.Code, requestId);
                await db.SaveChangesAsync(cancellationToken);
                return new(DisconnectResult.Pending, DisconnectCode.Pending);
            }
        }

        var now = time.GetUtcNow();
        var before = connection.State;
        connection.MarkRevoked(now);
        db.Audit(now, AuditActions.Disconnect, "revoked", actor, connection.UserId, connection.Id, $"{before} → Revoked; {connection.DisconnectReason}", requestId);
        await db.SaveChangesAsync(cancellationToken);
        return new(DisconnectResult.Disconnected, DisconnectCode.Disconnected);
    }
}
