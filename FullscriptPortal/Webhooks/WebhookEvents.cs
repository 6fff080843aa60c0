namespace FullscriptPortal.Webhooks;

/// <summary>The events an endpoint may subscribe to, named as the Standard Webhooks <c>type</c> field carries them.</summary>
public static class WebhookEvents
{
    public const string Connected = "connection.connected";
    public const string Refreshed = "connection.refreshed";
    public const string Failing = "connection.failing";
    public const string Recovered = "connection.recovered";
    public const string NeedsReconnect = "connection.needs_reconnect";
    public const string RevokedInFullscript = "connection.revoked_in_fullscript";
    public const string Disconnected = "connection.disconnected";
    public const string UserDeactivated = "user.deactivated";

    /// <summary>Sent only by "send test"; never stored as a subscription.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> All { get; } =
        [Connected, Refreshed, Failing, Recovered, NeedsReconnect, RevokedInFullscript, Disconnected, UserDeactivated];

    /// <summary>What a new endpoint gets unless support chooses: every event but the frequent, routine refresh.</summary>
    public static IReadOnlyList<string> Default { get; } = [.. All.Where(e => e != Refreshed)];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
