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
