namespace FullscriptPortal.Tokens;

public enum RefreshResult
{
    /// <summary>A new pair is stored.</summary>
    Refreshed,

    /// <summary>The access token was fresh enough; Fullscript was not called.</summary>
    NotNeeded,

    /// <summary>Fullscript could not be reached or the new pair could not be stored; the old pair is kept for a retry.</summary>
    WillRetry,

    /// <summary>The grant is over (invalid_grant, a missing scope, revoked): only a new authorization helps.</summary>
    NeedsReconnect,

    /// <summary>No such connection, or one that holds no refresh token (disconnected, disconnecting).</summary>
    NotRefreshable,
}
