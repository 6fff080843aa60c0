namespace FullscriptPortal.Connections;

/// <summary>Reasons a program must recognise, not only a person read: webhooks tell "revoked inside Fullscript" apart from
/// other ways a connection comes to need reconnecting.</summary>
public static class StateReasons
{
    public const string RejectedGrant = "Fullscript no longer accepts this connection (it was revoked inside Fullscript or replaced). Reconnect to continue.";
    public const string RejectedAccessToken = "Fullscript rejected the connection's access token; the app was probably revoked inside Fullscript. Reconnect to continue.";

    public static bool MeansRevokedInFullscript(string? reason) => reason is RejectedGrant or RejectedAccessToken;
}
