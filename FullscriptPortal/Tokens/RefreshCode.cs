namespace FullscriptPortal.Tokens;

/// <summary>Why a refresh or check ended as it did, finer than <see cref="RefreshResult"/>; the wording lives with the
/// components (<c>OutcomeText</c>), so the API and webhooks can use the same codes.</summary>
public enum RefreshCode
{
    Refreshed,

    /// <summary>Refreshed, and the clinic call proved the new access token.</summary>
    RefreshedAndConfirmed,

    /// <summary>The clinic call proved the connection.</summary>
    Works,
    StillFresh,
    NoTokens,
    DisconnectedOrDisconnecting,

    /// <summary>The caller has no connection of their own to refresh.</summary>
    NoConnectionOfYours,

    /// <summary>The policy refuses this caller that connection.</summary>
    NotAllowed,

    /// <summary>Fullscript asked for a pause (back-off or Retry-After) until <see cref="RefreshOutcome.NextAttemptAt"/>.</summary>
    WaitRequested,
    OtherInstanceRefreshing,
    OtherInstanceUpdated,
    OtherInstanceRefreshed,
    StoreFailed,
    Unreachable,
    CheckUnreachable,

    /// <summary>The connection changed while the check ran (the worker or another request wrote it first).</summary>
    ChangedMeanwhile,

    /// <summary>Only a new authorization helps; <see cref="RefreshOutcome.StateReason"/> says why.</summary>
    NeedsReconnect,
}
