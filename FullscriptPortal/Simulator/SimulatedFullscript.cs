using FullscriptPortal.Connect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Simulator;

/// <summary>Fullscript's OAuth rules as fullscript-api.md documents them, kept apart from HTTP so each rule reads plainly.</summary>
public sealed class SimulatedFullscript(SimulatorDbContext db, IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    public SimulatorOptions Options => options.CurrentValue;

    public bool IsKnownClient(string? clientId) => clientId == Options.ClientId;

    public bool IsClient(string? clientId, string? clientSecret) =>
        IsKnownClient(clientId) && clientSecret is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(clientSecret), System.Text.Encoding.UTF8.GetBytes(Options.ClientSecret));

    /// <summary>Fullscript compares the redirect URI character for character with the registered one.</summary>
    public bool IsRegisteredRedirect(string? redirectUri, string ownCallbackUrl) =>
        redirectUri is not null && (Options.RedirectUris.Count == 0
            ? string.Equals(redirectUri, ownCallbackUrl, StringComparison.Ordinal)
            : Options.RedirectUris.Contains(redirectUri, StringComparer.Ordinal));

    public async Task<string> IssueCodeAsync(string clientId, string redirectUri, SimulatedUser user, string? codeChallenge, CancellationToken cancellationToken)
    {
        var code = OAuthSecrets.NewRandomValue();
        db.Codes.Add(new SimAuthorizationCode
        {
            CodeHash = OAuthSecrets.Hash(code),
            ClientId = clientId,
            RedirectUri = redirectUri,
            UserId = user.Id,
            CodeChallenge = codeChallenge,
            IssuedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>The authorization_code grant: single use, 10 minutes, same client, same redirect URI, PKCE if challenged.</summary>
    public async Task<SimTokenOutcome> ExchangeCodeAsync(string clientId, string? code, string? redirectUri, string? codeVerifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri))
            return SimTokenOutcome.Error(400, "invalid_request", "code and redirect_uri are required.");

        var now = time.GetUtcNow();
        var stored = await db.Codes.SingleOrDefaultAsync(c => c.CodeHash == OAuthSecrets.Hash(code), cancellationToken);
        if (stored is null || stored.ClientId != clientId)
            return SimTokenOutcome.Error(400, "invalid_grant", "The authorization code is invalid.");
        if (stored.UsedAt is not null)
        {
            // A replayed code may mean it was stolen: end whatever it granted.
            if (stored.GrantId is { } grantId) await RevokeGrantAsync(grantId, "authorization code replayed", cancellationToken);
            return SimTokenOutcome.Error(400, "invalid_grant", "The authorization code has already been used.");
        }
        if (stored.IssuedAt + Options.CodeLifetime <= now)
            return SimTokenOutcome.Error(400, "invalid_grant", "The authorization code has expired.");
        if (!string.Equals(stored.RedirectUri, redirectUri, StringComparison.Ordinal))
            return SimTokenOutcome.Error(400, "invalid_grant", "The redirect_uri does not match the one used to authorize.");
        if (stored.CodeChallenge is not null && (codeVerifier is null || OAuthSecrets.CodeChallenge(codeVerifier) != stored.CodeChallenge))
            return SimTokenOutcome.Error(400, "invalid_grant", "The code_verifier does not match the code_challenge.");

        // Spend the code atomically: of two racing exchanges, one wins and the other sees a used code.
        var spent = await db.Codes.Where(c => c.CodeHash == stored.CodeHash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0)
            return SimTokenOutcome.Error(400, "invalid_grant", "The authorization code has already been used.");

        var user = SimulatedDirectory.Find(stored.UserId)!;
        var grant = new SimGrant { Id = Guid.NewGuid(), ClientId = clientId, UserId = user.Id, Scope = Options.Scope, CreatedAt = now };
        db.Grants.Add(grant);
        stored.GrantId = grant.Id;
        var issued = IssuePair(grant, user, issuedByRefreshHash: null, now);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>The refresh_token grant with rotation: every refresh issues a new pair, and the refresh token used stays
    /// valid until the new access token is first used (fullscript-api.md §3).</summary>
    public async Task<SimTokenOutcome> RefreshAsync(string clientId, string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
            return SimTokenOutcome.Error(400, "invalid_request", "refresh_token is required.");

        var now = time.GetUtcNow();
        var hash = OAuthSecrets.Hash(refreshToken);
        var token = await db.Tokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.Kind == SimTokenKind.Refresh, cancellationToken);
        var grant = token is null ? null : await db.Grants.SingleAsync(g => g.Id == token.GrantId, cancellationToken);
        if (token is null || grant is null || token.InvalidatedAt is not null || grant.RevokedAt is not null || grant.ClientId != clientId)
            return SimTokenOutcome.Error(400, "invalid_grant", "The refresh token is invalid, used or revoked.");

        // Refreshing again with the same token (the first answer was lost) is allowed by the documented rule; the pairs
        // issued meanwhile stay valid too: the documentation says nothing of them, so the simulator does not punish them.
        var issued = IssuePair(grant, SimulatedDirectory.Find(grant.UserId)!, issuedByRefreshHash: hash, now);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>Revoking either token ends the whole grant. Unknown tokens are answered like known ones (RFC 7009 §2.2).</summary>
    public async Task RevokeTokenAsync(string clientId, string token, CancellationToken cancellationToken)
    {
        var hash = OAuthSecrets.Hash(token);
        var grantId = await db.Tokens.Where(t => t.TokenHash == hash)
            .Join(db.Grants.Where(g => g.ClientId == clientId), t => t.GrantId, g => g.Id, (t, g) => (Guid?)g.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (grantId is { } id) await RevokeGrantAsync(id, "revoked by the app", cancellationToken);
    }

    /// <summary><c>GET /clinic</c>: the bearer's clinic. Using an access token for the first time is what retires the
    /// refresh token that produced it.</summary>
    public async Task<SimulatedClinic?> ClinicForAsync(string accessToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = await db.Tokens.SingleOrDefaultAsync(t => t.TokenHash == OAuthSecrets.Hash(accessToken) && t.Kind == SimTokenKind.Access, cancellationToken);
        if (token is null || token.InvalidatedAt is not null || token.ExpiresAt <= now) return null;
        var grant = await db.Grants.SingleAsync(g => g.Id == token.GrantId, cancellationToken);
        if (grant.RevokedAt is not null) return null;

        if (token.FirstUsedAt is null)
        {
            token.FirstUsedAt = now;
            if (token.IssuedByRefreshHash is { } spent)
                await db.Tokens.Where(t => t.TokenHash == spent && t.InvalidatedAt == null)
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.InvalidatedAt, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return SimulatedDirectory.Find(grant.UserId)?.Clinic;
    }

    /// <summary>Every grant and the state of its tokens, newest first, for the control page. Token values are never
    /// kept, so only a prefix of their hashes is shown.</summary>
    public async Task<IReadOnlyList<SimGrantView>> ListGrantsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grants = await db.Grants.AsNoTracking().OrderByDescending(g => g.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var grantIds = grants.Select(g => g.Id).ToList();
        var tokens = (await db.Tokens.AsNoTracking().Where(t => grantIds.Contains(t.GrantId)).ToListAsync(cancellationToken)).ToLookup(t => t.GrantId);
        return [.. grants.Select(g =>
        {
            var user = SimulatedDirectory.Find(g.UserId);
            return new SimGrantView(g.Id, user?.Name ?? g.UserId, user?.Type ?? "?", user?.Clinic.Name ?? "?", g.CreatedAt, g.RevokedAt, g.RevokedBecause,
                [.. tokens[g.Id].OrderByDescending(t => t.IssuedAt).ThenBy(t => t.Kind).Select(t => new SimTokenView(
                    t.Kind, t.TokenHash[..8], t.IssuedAt, t.ExpiresAt, t.FirstUsedAt, StatusOf(g, t, now)))]);
        })];
    }

    /// <summary>The hash of the one refresh token of a grant that would still be accepted, if any.</summary>
    public Task<string?> LiveRefreshTokenHashAsync(Guid grantId, CancellationToken cancellationToken) =>
        db.Tokens.Where(t => t.GrantId == grantId && t.Kind == SimTokenKind.Refresh && t.InvalidatedAt == null)
            .OrderByDescending(t => t.IssuedAt).Select(t => t.TokenHash).FirstOrDefaultAsync(cancellationToken);

    private static string StatusOf(SimGrant grant, SimToken token, DateTimeOffset now) => token switch
    {
        _ when grant.RevokedAt is not null => "revoked",
        { InvalidatedAt: not null } => token.Kind == SimTokenKind.Refresh ? "spent" : "superseded",
        { Kind: SimTokenKind.Access } when token.ExpiresAt <= now => "expired",
        { Kind: SimTokenKind.Access } => token.FirstUsedAt is null ? "valid, unused" : "valid",
        _ => "valid",
    };

    public async Task RevokeGrantAsync(Guid grantId, string because, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Grants.Where(g => g.Id == grantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedBecause, because), cancellationToken);
    }

    private SimTokenOutcome IssuePair(SimGrant grant, SimulatedUser user, string? issuedByRefreshHash, DateTimeOffset now)
    {
        var access = OAuthSecrets.NewRandomValue();
        var refresh = OAuthSecrets.NewRandomValue();
        var lifetime = Options.AccessTokenLifetime;
        db.Tokens.Add(new SimToken
        {
            TokenHash = OAuthSecrets.Hash(access),
            GrantId = grant.Id,
            Kind = SimTokenKind.Access,
            IssuedAt = now,
            ExpiresAt = now + lifetime,
            IssuedByRefreshHash = issuedByRefreshHash,
        });
        db.Tokens.Add(new SimToken { TokenHash = OAuthSecrets.Hash(refresh), GrantId = grant.Id, Kind = SimTokenKind.Refresh, IssuedAt = now });
        return SimTokenOutcome.Issued(new SimIssuedTokens(access, refresh, (int)lifetime.TotalSeconds, grant.Scope, now, user.Id, user.Type));
    }
}
