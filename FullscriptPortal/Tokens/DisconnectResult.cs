namespace FullscriptPortal.Tokens;

public enum DisconnectResult
{
    Disconnected,

    /// <summary>Fullscript has not confirmed yet; the grant may be live, so the portal keeps the tokens and retries.</summary>
    Pending,
    NotFound,

    /// <summary>The caller may not do this, or gave no valid reason; nothing changed.</summary>
    Refused,
}
