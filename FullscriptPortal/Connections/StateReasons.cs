namespace FullscriptPortal.Connections;

/// <summary>The reasons stored with a connection that needs a reconnect or was disconnected, shown to its owner. Kept
/// together, with the tests that tell them apart, so a later move to stored reason codes touches one file.</summary>
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

    /// <summary>Stored with a disconnect the person made themselves.</summary>
    public static string DisconnectedBy(string name) => $"disconnected by {name}";

    /// <summary>Stored with a disconnect a clinic manager made for a member of their clinic.</summary>
    public static string DisconnectedByManager(string name) => $"disconnected by clinic manager {name}";

    private const string RevokedBySupportPrefix = "revoked by support (";

    /// <summary>Stored with a support revocation: who, and the reason they gave (always required).</summary>
    public static string RevokedBySupport(string name, string why) => $"{RevokedBySupportPrefix}{name}): {why}";

    /// <summary>A Revoked connection with this reason was revoked by support; any other Revoked one was disconnected (by
    /// the person, their manager, the integrating app, or a deactivation).</summary>
    public static bool MeansRevokedBySupport(string? reason) => reason?.StartsWith(RevokedBySupportPrefix, StringComparison.Ordinal) == true;

    /// <summary>The reason support gave, without who gave it; null when <paramref name="reason"/> is not a support revocation.</summary>
    public static string? SupportsReason(string? reason)
    {
        if (!MeansRevokedBySupport(reason)) return null;
        var end = reason!.IndexOf("): ", RevokedBySupportPrefix.Length, StringComparison.Ordinal);
        return end < 0 ? null : reason[(end + 3)..];
    }

    /// <summary>Webhooks tell "revoked inside Fullscript" apart from other ways a connection comes to need reconnecting.</summary>
    public static bool MeansRevokedInFullscript(string? reason) => reason is GrantRejected or AccessTokenRejected;
}
