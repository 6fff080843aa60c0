using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Connect;

/// <summary>Steps 1 and 2 of the flow: send the browser to Fullscript with a fresh <c>state</c>, and check what comes
/// back. Nothing here talks to Fullscript's API; the code is exchanged by <see cref="CodeExchanger"/>.</summary>
public sealed partial class AuthorizationFlow(
    IDbContextFactory<PortalDbContext> dbs,
    FullscriptServerDirectory servers,
    IOptionsMonitor<FullscriptOptions> options,
    TokenProtector protector,
    TimeProvider time,
    ILogger<AuthorizationFlow> logger)
{
    public const int MaxStateLength = 128;
    public const int MaxCodeLength = 2048;
    public const int MaxErrorLength = 64;

    /// <summary>Records a pending authorization for <paramref name="userId"/> and returns the URL to send the browser to.</summary>
    public async Task<string> StartAsync(string userId, string startedByUserId, string? returnPath, string ownCallbackUrl, CancellationToken cancellationToken,
        int? clinicId = null)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        var state = OAuthSecrets.NewRandomValue();
        var verifier = o.PkceEnabled ? OAuthSecrets.NewRandomValue() : null;
        var pending = new PendingAuthorization
        {
            Id = Guid.NewGuid(),
            StateHash = OAuthSecrets.Hash(state),
            UserId = userId,
            ClinicId = clinicId,
            StartedByUserId = startedByUserId,
            ServerKey = o.Server.ToLowerInvariant(),
            RedirectUri = string.IsNullOrWhiteSpace(o.RedirectUri) ? ownCallbackUrl : o.RedirectUri,
            ReturnPath = LocalPath.OrHome(returnPath),
            CodeVerifierProtected = verifier is null ? null : protector.Protect(verifier),
            CreatedAt = now,
            ExpiresAt = now + PendingAuthorization.Lifetime,
        };

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        db.PendingAuthorizations.Add(pending);
        db.Audit(now, AuditActions.ConnectStarted, "redirected", startedByUserId, userId, detail: $"to {FullscriptServerKeys.DisplayName(pending.ServerKey)}");
        await db.SaveChangesAsync(cancellationToken);

        var query = new Dictionary<string, string?>
        {
            ["client_id"] = o.CredentialsFor(pending.ServerKey).ClientId,
            ["redirect_uri"] = pending.RedirectUri,
            ["response_type"] = "code",
            ["state"] = state,
        };
        if (verifier is not null)
        {
            query["code_challenge"] = OAuthSecrets.CodeChallenge(verifier);
            query["code_challenge_method"] = "S256";
        }
        return QueryHelpers.AddQueryString(servers.AuthorizeUrl(pending.ServerKey), query);
    }

    /// <summary>Checks Fullscript's redirect and keeps the code for the exchange (of the pending authorization
    /// <c>PendingId</c>, set when a code was kept). Any state that is missing, unknown, another user's, expired or used
    /// changes nothing.</summary>
    public async Task<(ConnectNotice Outcome, string ReturnPath, Guid? PendingId)> CompleteCallbackAsync(
        string userId, string? state, string? code, string? error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state)) return Rejected(ConnectNotice.MissingState, userId);
        if (state.Length > MaxStateLength || code?.Length > MaxCodeLength || error?.Length > MaxErrorLength)
            return Rejected(ConnectNotice.Malformed, userId);

        var now = time.GetUtcNow();
        var stateHash = OAuthSecrets.Hash(state);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pending = await db.PendingAuthorizations.AsNoTracking().SingleOrDefaultAsync(p => p.StateHash == stateHash, cancellationToken);

        // The state belongs to the browser that started the flow (the user, or a manager connecting on their behalf).
        // Anyone else's is treated exactly like a forged one: it reveals nothing and spends nothing.
        if (pending is null || pending.StartedByUserId != userId) return Rejected(ConnectNotice.UnknownState, userId);
        if (pending.CompletedAt is not null || pending.CodeReceivedAt is not null) return Rejected(ConnectNotice.AlreadyUsed, userId);
        if (pending.ExpiresAt <= now) return Rejected(ConnectNotice.Expired, userId);

        var outcome = !string.IsNullOrEmpty(error)
            ? error == "access_denied" ? ConnectNotice.Denied : ConnectNotice.ProviderError
            : string.IsNullOrEmpty(code) ? ConnectNotice.Malformed : ConnectNotice.CodeReceived;
        if (outcome == ConnectNotice.Malformed) return Rejected(outcome, userId);

        // Conditional update: of two racing callbacks with the same state, exactly one gets here.
        var claimed = outcome == ConnectNotice.CodeReceived
            ? await db.PendingAuthorizations
                .Where(p => p.Id == pending.Id && p.CodeReceivedAt == null && p.CompletedAt == null)
                .ExecuteUpdateAsync(p => p
                    .SetProperty(x => x.CodeProtected, protector.Protect(code!))
                    .SetProperty(x => x.CodeReceivedAt, now), cancellationToken)
            : await db.PendingAuthorizations
                .Where(p => p.Id == pending.Id && p.CodeReceivedAt == null && p.CompletedAt == null)
                .ExecuteUpdateAsync(p => p
                    .SetProperty(x => x.CompletedAt, now)
                    .SetProperty(x => x.Outcome, outcome == ConnectNotice.Denied ? "denied" : "provider-error"), cancellationToken);
        if (claimed == 0) return Rejected(ConnectNotice.AlreadyUsed, userId);

        var detail = outcome switch
        {
            ConnectNotice.Denied => "consent denied at Fullscript",
            ConnectNotice.ProviderError => $"Fullscript answered error={error}",
            _ => "authorization code received",
        };
        db.Audit(now, AuditActions.ConsentReturned, outcome == ConnectNotice.CodeReceived ? "code-received" : "refused", userId, pending.UserId, detail: detail);
        await db.SaveChangesAsync(cancellationToken);
        return (outcome, pending.ReturnPath, outcome == ConnectNotice.CodeReceived ? pending.Id : null);
    }

    private (ConnectNotice, string, Guid?) Rejected(ConnectNotice outcome, string userId)
    {
        LogRejectedCallback(userId, outcome);
        return (outcome, "/", null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fullscript callback for user {UserId} rejected: {Outcome}")]
    private partial void LogRejectedCallback(string userId, ConnectNotice outcome);
}
