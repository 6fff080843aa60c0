using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Connect;

/// <summary>Step 3 of the flow: spends a pending authorization's code at Fullscript, stores the tokens encrypted, then looks
/// up the user's Fullscript clinic. Used by the dashboard's circuit and by the background worker.</summary>
public sealed partial class CodeExchanger(
    IDbContextFactory<PortalDbContext> dbs,
    FullscriptClient fullscript,
    TokenProtector protector,
    IOptionsMonitor<FullscriptOptions> options,
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
            return await FinishAsync(db, pending, actorUserId, "code-expired", null, new ExchangeOutcome(ExchangeCode.CodeExpired), cancellationToken);

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
                return new ExchangeOutcome(ExchangeCode.FullscriptUnavailable);
            }
            return await FinishAsync(db, pending, actorUserId, result.Error.Code, result.RequestId, new ExchangeOutcome(ExchangeCode.NotAccepted), cancellationToken);
        }

        if (await BoundElsewhereAsync(db, pending, result.Value, cancellationToken))
        {
            // One Fullscript user, one portal owner. The grant just made is handed back so it does not linger at Fullscript.
            var revoke = await fullscript.RevokeAsync(pending.ServerKey, result.Value.RefreshToken, cancellationToken);
            return await FinishAsync(db, pending, actorUserId, "owner-taken", revoke.RequestId ?? result.RequestId,
                new ExchangeOutcome(ExchangeCode.OwnerTaken, ResourceOwnerType: result.Value.ResourceOwnerType), cancellationToken);
        }

        // Where the portal knows its clinic's Fullscript clinic, a grant from another clinic is refused before it is stored,
        // so it never turns Active, never holds a Fullscript user that its rightful owner then cannot connect, and never
        // dangles at Fullscript. Without that mapping nothing is certain, and the lookup below only records the clinic.
        var (mappedClinicId, clinic) = await CheckClinicAsync(db, pending, result.Value.AccessToken, cancellationToken);
        if (clinic is { Succeeded: true } && clinic.Value.Id != mappedClinicId)
            return await RefuseForeignClinicAsync(db, pending, result.Value, clinic.Value, actorUserId, cancellationToken);

        var (connection, missingScope, replacedRefreshToken) = await StoreTokensAsync(db, pending, result.Value, actorUserId, result.RequestId, cancellationToken);
        var clinicName = await LookUpClinicAsync(db, connection, clinic ?? await fullscript.GetClinicAsync(connection.ServerKey, result.Value.AccessToken, cancellationToken),
            actorUserId, cancellationToken);
        if (replacedRefreshToken is not null) await RevokeReplacedGrantAsync(db, connection, replacedRefreshToken, actorUserId, cancellationToken);
        LogConnected(connection.Id, pending.UserId, connection.ServerKey);
        return missingScope is null
            ? new ExchangeOutcome(ExchangeCode.Connected, connection.Id, ClinicName: clinicName)
            : new ExchangeOutcome(ExchangeCode.MissingScope, connection.Id, MissingScope: missingScope);
    }

    /// <summary>True when this Fullscript user already has a live connection that belongs to someone else.</summary>
    private static Task<bool> BoundElsewhereAsync(PortalDbContext db, PendingAuthorization pending, TokenSet tokens, CancellationToken cancellationToken) =>
        db.Connections.AnyAsync(c =>
            c.ServerKey == pending.ServerKey && c.ResourceOwnerId == tokens.ResourceOwnerId && c.State != ConnectionState.Revoked
            && (pending.ClinicId == null ? c.UserId != pending.UserId : c.ClinicId != pending.ClinicId), cancellationToken);

    /// <summary>A reconnect replaces a grant that may still be live at Fullscript (for instance one missing a scope).</summary>
    private async Task RevokeReplacedGrantAsync(PortalDbContext db, FullscriptConnection connection, string replacedRefreshToken, string actorUserId, CancellationToken cancellationToken)
    {
        var revoke = await fullscript.RevokeAsync(connection.ServerKey, replacedRefreshToken, cancellationToken);
        db.Audit(time.GetUtcNow(), AuditActions.Disconnect, revoke.Succeeded ? "replaced-grant-revoked" : "replaced-grant-not-revoked",
            actorUserId, connection.UserId, connection.Id, revoke.Error?.Code, revoke.RequestId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(FullscriptConnection Connection, string? MissingScope, string? ReplacedRefreshToken)> StoreTokensAsync(PortalDbContext db,
        PendingAuthorization pending, TokenSet tokens, string actorUserId, string? requestId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = pending.ClinicId is { } clinicId
            ? await db.Connections.SingleOrDefaultAsync(c => c.ClinicId == clinicId, cancellationToken)
            : await db.Connections.SingleOrDefaultAsync(c => c.UserId == pending.UserId, cancellationToken);
        if (connection is null)
        {
            connection = new FullscriptConnection
            {
                Id = Guid.NewGuid(),
                UserId = pending.ClinicId is null ? pending.UserId : null,
                ClinicId = pending.ClinicId,
                ServerKey = pending.ServerKey,
                ResourceOwnerId = tokens.ResourceOwnerId,
                ResourceOwnerType = tokens.ResourceOwnerType,
            };
            db.Connections.Add(connection);
        }
        var replaced = connection.RefreshTokenProtected is { } old ? protector.Unprotect(old) : null;

        var missingScope = RequiredScopes.MissingFrom(options.CurrentValue.RequiredScopes, tokens.Scope);
        connection.ApplyNewGrant(pending.ServerKey, protector.Protect(tokens), tokens.ResourceOwnerId, tokens.ResourceOwnerType, missingScope, now);

        pending.CodeProtected = null;
        pending.CompletedAt = now;
        pending.Outcome = "connected";
        db.Audit(now, AuditActions.CodeExchanged, missingScope is null ? "connected" : "missing-scope", actorUserId, pending.UserId, connection.Id,
            $"{tokens.ResourceOwnerType} {tokens.ResourceOwnerId} on {FullscriptServerKeys.DisplayName(pending.ServerKey)}" +
            (missingScope is null ? "" : $"; {connection.StateReason}"), requestId);

        // The pair is stored before the access token is used for anything (fullscript-api.md §3).
        await db.SaveChangesAsync(cancellationToken);
        return (connection, missingScope, replaced == tokens.RefreshToken ? null : replaced);
    }

    /// <summary>The Fullscript clinic the portal maps the connection's clinic to and, only when there is one, what
    /// Fullscript says the new grant's clinic is.</summary>
    private async Task<(string? MappedClinicId, FullscriptResult<FullscriptClinic>? Clinic)> CheckClinicAsync(PortalDbContext db,
        PendingAuthorization pending, string accessToken, CancellationToken cancellationToken)
    {
        var portalClinicId = pending.ClinicId
            ?? await db.Users.Where(u => u.Id == pending.UserId).Select(u => u.ClinicId).SingleOrDefaultAsync(cancellationToken);
        var mapped = portalClinicId is null
            ? null
            : await db.Clinics.Where(c => c.Id == portalClinicId).Select(c => c.FullscriptClinicId).SingleOrDefaultAsync(cancellationToken);
        return mapped is null ? (null, null) : (mapped, await fullscript.GetClinicAsync(pending.ServerKey, accessToken, cancellationToken));
    }

    /// <summary>Hands the grant straight back to Fullscript and stores nothing of it: the attempt ends audited, with the
    /// clinic it came from.</summary>
    private async Task<ExchangeOutcome> RefuseForeignClinicAsync(PortalDbContext db, PendingAuthorization pending, TokenSet tokens,
        FullscriptClinic clinic, string actorUserId, CancellationToken cancellationToken)
    {
        var revoke = await fullscript.RevokeAsync(pending.ServerKey, tokens.RefreshToken, cancellationToken);
        db.Audit(time.GetUtcNow(), AuditActions.ClinicLookup, "foreign-clinic", actorUserId, pending.UserId,
            detail: $"{tokens.ResourceOwnerType} {tokens.ResourceOwnerId} belongs to {clinic.Name} ({clinic.Id}); grant " +
                (revoke.Succeeded ? "revoked" : $"not revoked: {revoke.Error.Code}"),
            requestId: revoke.RequestId);
        LogForeignClinic(pending.UserId, clinic.Id);
        return await FinishAsync(db, pending, actorUserId, "foreign-clinic", revoke.RequestId,
            new ExchangeOutcome(ExchangeCode.ForeignClinic, ClinicName: clinic.Name, ResourceOwnerType: tokens.ResourceOwnerType), cancellationToken);
    }

    private async Task<string?> LookUpClinicAsync(PortalDbContext db, FullscriptConnection connection, FullscriptResult<FullscriptClinic> clinic,
        string actorUserId, CancellationToken cancellationToken)
    {
        await ClinicRecorder.RecordLookupAsync(db, connection, clinic, AuditActions.ClinicLookup, actorUserId, time.GetUtcNow(), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A connect attempt for user {UserId} was refused: the Fullscript account belongs to clinic {FullscriptClinicId}, not the user's clinic")]
    private partial void LogForeignClinic(string userId, string fullscriptClinicId);
}
