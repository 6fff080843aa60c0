namespace FullscriptPortal.Connections;

/// <summary>The reasons stored with a connection that needs a reconnect, shown to its owner as they are. Kept together so
/// a later move to stored reason codes touches one file.</summary>
public static class StateReasons
{
    public static string MissingScope(string scope) => RequiredScopes.Reason(scope);

    public const string GrantRejected =
        "Fullscript no longer accepts this connection (it was revoked inside Fullscript or replaced). Reconnect to continue.";

    public const string ClientRejected =
        "Fullscript refused the portal's app credentials; an administrator must fix Fullscript:ClientId and ClientSecret.";

    public const string AccessTokenRejected =
        "Fullscript rejected the connection's access token; the app was probably revoked inside Fullscript. Reconnect to continue.";

    public static string GaveUp(TimeSpan after, string errorCode) =>
        $"Fullscript could not be reached for {after.TotalHours:0} hours ({errorCode}). Reconnect to continue.";

    /// <summary>Webhooks tell "revoked inside Fullscript" apart from other ways a connection comes to need reconnecting.</summary>
    public static bool MeansRevokedInFullscript(string? reason) => reason is GrantRejected or AccessTokenRejected;
}
