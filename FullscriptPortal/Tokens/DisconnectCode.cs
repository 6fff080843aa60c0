namespace FullscriptPortal.Tokens;

/// <summary>Why a disconnect ended as it did, finer than <see cref="DisconnectResult"/>; worded by the components.</summary>
public enum DisconnectCode
{
    /// <summary>Fullscript confirmed the portal no longer has access.</summary>
    Disconnected,
    AlreadyDisconnected,

    /// <summary>Fullscript has not confirmed yet; the portal keeps trying.</summary>
    Pending,
    NoSuchConnection,
    NothingToRetry,
    NoConnectionOfYours,
    DisconnectNotAllowed,
    RevokeNotAllowed,

    /// <summary>Support gave no reason, or one of the wrong length.</summary>
    ReasonRequired,
}
