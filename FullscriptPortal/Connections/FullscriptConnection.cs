namespace FullscriptPortal.Connections;

/// <summary>An authorization of the app at Fullscript: one portal user's (role-based) or one clinic's (clinic-level).
/// Token columns hold Data Protection ciphertext only.</summary>
public sealed class FullscriptConnection
{
    public Guid Id { get; set; }

    /// <summary>The portal user it belongs to (role-based authorization); null for a clinic's connection.</summary>
    public string? UserId { get; set; }

    /// <summary>The portal clinic it belongs to (clinic-level authorization); null for a user's connection.</summary>
    public int? ClinicId { get; set; }

    /// <summary>The server that issued the grant; refresh, revoke and API calls for this connection go there only.</summary>
    public required string ServerKey { get; set; }
    public ConnectionState State { get; set; }
    public string? StateReason { get; set; }

    public string? AccessTokenProtected { get; set; }
    public string? RefreshTokenProtected { get; set; }
    public DateTimeOffset TokenCreatedAt { get; set; }
    public int ExpiresInSeconds { get; set; }
    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public string Scope { get; set; } = "";

    public required string ResourceOwnerId { get; set; }
    public required string ResourceOwnerType { get; set; }
    public string? FullscriptClinicId { get; set; }
    public string? FullscriptClinicName { get; set; }

    /// <summary>Set when the Fullscript clinic differs from the one mapped to the portal user's clinic.</summary>
    public bool ClinicMismatch { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset? LastRefreshedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Transient refresh failures in a row, and when the next attempt may be made (back-off or Retry-After).</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? FirstFailureAt { get; set; }
    public DateTimeOffset? NextRefreshAttemptAt { get; set; }

    public void ClearFailures() => (ConsecutiveFailures, FirstFailureAt, NextRefreshAttemptAt) = (0, null, null);

    /// <summary>A newly granted pair: Active, or NeedsReconnect when the grant lacks a required scope (Fullscript does not
    /// add scopes to a grant, so only a new authorization helps).</summary>
    private void ApplyGrantedPair(ProtectedTokenPair pair, string? missingScope)
    {
        (AccessTokenProtected, RefreshTokenProtected) = (pair.AccessTokenProtected, pair.RefreshTokenProtected);
        (TokenCreatedAt, ExpiresInSeconds, AccessTokenExpiresAt, Scope) = (pair.CreatedAt, pair.ExpiresInSeconds, pair.ExpiresAt, pair.Scope);
        (State, StateReason) = missingScope is null
            ? (ConnectionState.Active, null)
            : (ConnectionState.NeedsReconnect, StateReasons.MissingScope(missingScope));
        ClearFailures();
    }

    /// <summary>A new authorization (connect or reconnect) replaces everything the old grant said, including the server
    /// it came from, its owner, its clinic and any disconnect or revocation.</summary>
    public void ApplyNewGrant(string serverKey, ProtectedTokenPair pair, string resourceOwnerId, string resourceOwnerType, string? missingScope, DateTimeOffset now)
    {
        ServerKey = serverKey;
        ApplyGrantedPair(pair, missingScope);
        (DisconnectRequestedAt, DisconnectRequestedBy, DisconnectReason) = (null, null, null);
        (RevokedAt, RevokedBy) = (null, null);
        (ResourceOwnerId, ResourceOwnerType) = (resourceOwnerId, resourceOwnerType);
        (FullscriptClinicId, FullscriptClinicName, ClinicMismatch) = (null, null, false);
        (ConnectedAt, LastRefreshedAt, UpdatedAt) = (now, null, now);
    }

    /// <summary>The pair a refresh rotated in.</summary>
    public void ApplyRefreshedPair(ProtectedTokenPair pair, string? missingScope, DateTimeOffset now)
    {
        ApplyGrantedPair(pair, missingScope);
        (LastRefreshedAt, UpdatedAt) = (now, now);
    }

    /// <summary>Only a new authorization helps, but the grant may still be live at Fullscript (our credentials were
    /// refused, or the portal gave up retrying), so its tokens are kept for a disconnect to revoke.</summary>
    public void RequireReconnect(string reason, DateTimeOffset now)
    {
        (State, StateReason) = (ConnectionState.NeedsReconnect, reason);
        ClearFailures();
        UpdatedAt = now;
    }

    /// <summary>Fullscript says the grant is over (invalid_grant, or its access token refused): its tokens are dead, so they
    /// are not kept.</summary>
    public void EndGrant(string reason, DateTimeOffset now)
    {
        RequireReconnect(reason, now);
        (AccessTokenProtected, RefreshTokenProtected) = (null, null);
    }

    /// <summary>A transient refresh failure: counted, and the next attempt waits until <paramref name="nextAttemptAt"/>.</summary>
    public void BackOff(DateTimeOffset nextAttemptAt, DateTimeOffset now)
    {
        NextRefreshAttemptAt = nextAttemptAt;
        (State, StateReason) = (ConnectionState.RefreshFailing, null);
        UpdatedAt = now;
    }

    /// <summary>Counts a transient refresh failure; true once failures have lasted <paramref name="giveUpAfter"/>.</summary>
    public bool CountFailure(TimeSpan giveUpAfter, DateTimeOffset now)
    {
        ConsecutiveFailures++;
        FirstFailureAt ??= now;
        return FirstFailureAt + giveUpAfter <= now;
    }

    /// <summary>The first disconnect request is recorded (later ones keep who asked first and why); false if one was
    /// already pending.</summary>
    public bool RequestDisconnect(string actor, string reason, DateTimeOffset now)
    {
        if (DisconnectRequestedAt is not null) return false;
        (DisconnectRequestedAt, DisconnectRequestedBy, DisconnectReason) = (now, actor, reason);
        UpdatedAt = now;
        return true;
    }

    /// <summary>Fullscript confirmed the grant is gone: Revoked, with who asked and why, and no tokens.</summary>
    public void MarkRevoked(DateTimeOffset now)
    {
        (State, StateReason) = (ConnectionState.Revoked, DisconnectReason);
        (AccessTokenProtected, RefreshTokenProtected) = (null, null);
        (RevokedAt, RevokedBy) = (now, DisconnectRequestedBy);
        DisconnectRequestedAt = null;
        ClearFailures();
        UpdatedAt = now;
    }

    /// <summary>The Fullscript clinic the grant belongs to, flagged when the portal maps the owner's clinic to another.</summary>
    public void RecordClinic(string fullscriptClinicId, string name, string? mappedFullscriptClinicId, DateTimeOffset now)
    {
        (FullscriptClinicId, FullscriptClinicName) = (fullscriptClinicId, name);
        ClinicMismatch = mappedFullscriptClinicId is not null && mappedFullscriptClinicId != fullscriptClinicId;
        UpdatedAt = now;
    }

    /// <summary>A disconnect that Fullscript has not confirmed yet: the grant may still be live, so it is retried.</summary>
    public DateTimeOffset? DisconnectRequestedAt { get; set; }
    public string? DisconnectRequestedBy { get; set; }
    public string? DisconnectReason { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>When a liveness probe last proved the connection with Fullscript.</summary>
    public DateTimeOffset? LastProbedAt { get; set; }

    /// <summary>Bumped by every write: a writer holding an older version lost the race and must not overwrite.</summary>
    public int Version { get; set; }

    /// <summary>The portal instance refreshing this connection now, and until when; another instance waits and re-reads.</summary>
    public string? RefreshLeaseOwner { get; set; }
    public DateTimeOffset? RefreshLeaseUntil { get; set; }
}
