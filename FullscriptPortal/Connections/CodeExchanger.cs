using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

/// <summary>Step 3 of the flow: spends a pending authorization's code at Fullscript, stores the tokens encrypted, then looks
/// up the user's Fullscript clinic. Used by the dashboard's circuit and, later, by the background worker.</summary>
public sealed partial class CodeExchanger(
    IDbContextFactory<PortalDbContext> dbs,
    FullscriptClient fullscript,
    TokenProtector protector,
    TimeProvider time,
    ILogger<CodeExchanger> logger)
{
    /// <summary>Exchanges the code of <paramref name="pendingId"/> unless someone else already is; <c>null</c> if there was
    /// nothing (left) to exchange.</summary>
    public async Task<ExchangeOutcome?> ExchangeAsync(Guid pendingId, string actorUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        // Claim first: the code is single-use, so two circuits (or a circuit and the worker) must never both spend it.
        var claimed = await db.PendingAuthorizations
            .Where(p => p.Id == pendingId && p.CodeProtected != null && p.ExchangeStartedAt == null && p.CompletedAt == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ExchangeStartedAt, now), cancellationToken);
        if (claimed == 0) return null;

        var pending = await db.PendingAuthorizations.SingleAsync(p => p.Id == pendingId, cancellationToken);
        if (pending.CodeReceivedAt + PendingAuthorization.Lifetime <= now)
            return await FinishAsync(db, pending, actorUserId, "code-expired", null,
                new ExchangeOutcome(false, "Finishing the connection took longer than Fullscript's 10 minutes, so it lapsed. Press Connect to start again."), cancellationToken);

        var verifier = pending.CodeVerifierProtected is null ? null : protector.Unprotect(pending.CodeVerifierProtected);
        var result = await fullscript.ExchangeCodeAsync(pending.ServerKey, protector.Unprotect(pending.CodeProtected!), pending.RedirectUri, verifier, cancellationToken);

        if (!result.Succeeded)
        {
            if (result.Error.IsTransient)
            {
                // Give the claim back so the next attempt (a reload, or the worker) can try within the code's lifetime.
                pending.ExchangeStartedAt = null;
                db.Audit(now, AuditActions.CodeExchanged, "transient-failure", actorUserId, pending.UserId, detail: result.Error.Code, requestId: result.RequestId);
                await db.SaveChangesAsync(cancellationToken);
                return new ExchangeOutcome(false, "Fullscript did not answer in time. The portal will try again shortly; you don't need to do anything.", WillRetry: true);
            }
            return await FinishAsync(db, pending, actorUserId, result.Error.Code, result.RequestId,
                new ExchangeOutcome(false, "Fullscript did not accept this connection attempt (it may have expired or been used already). Press Connect to try again."), cancellationToken);
        }

        var connection = await StoreTokensAsync(db, pending, result.Value, actorUserId, result.RequestId, cancellationToken);
        var clinicName = await LookUpClinicAsync(db, connection, result.Value.AccessToken, actorUserId, cancellationToken);
        LogConnected(connection.Id, pending.UserId, connection.ServerKey);
        return ExchangeOutcome.Connected(connection.Id, clinicName);
    }

    private async Task<FullscriptConnection> StoreTokensAsync(PortalDbContext db, PendingAuthorization pending, TokenSet tokens,
        string actorUserId, string? requestId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.UserId == pending.UserId, cancellationToken);
        if (connection is null)
        {
            connection = new FullscriptConnection
            {
                Id = Guid.NewGuid(),
                UserId = pending.UserId,
                ServerKey = pending.ServerKey,
                ResourceOwnerId = tokens.ResourceOwnerId,
                ResourceOwnerType = tokens.ResourceOwnerType,
            };
            db.Connections.Add(connection);
        }

        // A reconnect replaces everything the old grant said, including the server it came from.
        connection.ServerKey = pending.ServerKey;
        connection.State = ConnectionState.Active;
        connection.StateReason = null;
        connection.AccessTokenProtected = protector.Protect(tokens.AccessToken);
        connection.RefreshTokenProtected = protector.Protect(tokens.RefreshToken);
        connection.TokenCreatedAt = tokens.CreatedAt;
        connection.ExpiresInSeconds = tokens.ExpiresIn;
        connection.AccessTokenExpiresAt = tokens.ExpiresAt;
        connection.Scope = tokens.Scope;
        connection.ResourceOwnerId = tokens.ResourceOwnerId;
        connection.ResourceOwnerType = tokens.ResourceOwnerType;
        connection.FullscriptClinicId = null;
        connection.FullscriptClinicName = null;
        connection.ConnectedAt = now;
        connection.LastRefreshedAt = null;
        connection.UpdatedAt = now;

        pending.CodeProtected = null;
        pending.CompletedAt = now;
        pending.Outcome = "connected";
        db.Audit(now, AuditActions.CodeExchanged, "connected", actorUserId, pending.UserId, connection.Id,
            $"{tokens.ResourceOwnerType} {tokens.ResourceOwnerId} on {FullscriptServerKeys.DisplayName(pending.ServerKey)}", requestId);

        // The pair is stored before the access token is used for anything (fullscript-api.md §3).
        await db.SaveChangesAsync(cancellationToken);
        return connection;
    }

    private async Task<string?> LookUpClinicAsync(PortalDbContext db, FullscriptConnection connection, string accessToken,
        string actorUserId, CancellationToken cancellationToken)
    {
        var clinic = await fullscript.GetClinicAsync(connection.ServerKey, accessToken, cancellationToken);
        var now = time.GetUtcNow();
        if (clinic.Succeeded)
        {
            connection.FullscriptClinicId = clinic.Value.Id;
            connection.FullscriptClinicName = clinic.Value.Name;
            connection.UpdatedAt = now;
        }
        db.Audit(now, AuditActions.ClinicLookup, clinic.Succeeded ? "found" : "failed", actorUserId, connection.UserId, connection.Id,
            clinic.Succeeded ? clinic.Value.Name : clinic.Error.Code, clinic.RequestId);
        await db.SaveChangesAsync(cancellationToken);
        return clinic.Value?.Name;
    }

    private async Task<ExchangeOutcome> FinishAsync(PortalDbContext db, PendingAuthorization pending, string actorUserId, string outcome,
        string? requestId, ExchangeOutcome result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        pending.CodeProtected = null;
        pending.CompletedAt = now;
        pending.Outcome = outcome;
        db.Audit(now, AuditActions.CodeExchanged, "failed", actorUserId, pending.UserId, detail: outcome, requestId: requestId);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} of user {UserId} is active on {Server}")]
    private partial void LogConnected(Guid connectionId, string userId, string server);
}
