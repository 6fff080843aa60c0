using FullscriptPortal.Connections;
using MudBlazor;

namespace FullscriptPortal.Components.Shared;

/// <summary>How each connection state looks and what it tells the user to do.</summary>
public sealed record ConnectionStateDisplay(string Label, Color Color, string Icon, string Sentence)
{
    public static ConnectionStateDisplay For(ConnectionState state) => state switch
    {
        ConnectionState.NotConnected => new("Not connected", Color.Default, Icons.Material.Filled.LinkOff,
            "Your Fullscript account is not connected yet. Press Connect my Fullscript account and approve the portal at Fullscript."),
        ConnectionState.Active => new("Active", Color.Success, Icons.Material.Filled.CheckCircle,
            "Connected. The portal can work with Fullscript on your behalf; nothing to do."),
        ConnectionState.Expired => new("Expired", Color.Warning, Icons.Material.Filled.Schedule,
            "The access token ran out. The portal renews it with the refresh token the next time it is needed; nothing to do."),
        ConnectionState.RefreshFailing => new("Retrying", Color.Warning, Icons.Material.Filled.Autorenew,
            "Fullscript is not answering right now. The portal keeps your connection and retries; nothing to do unless this lasts."),
        ConnectionState.NeedsReconnect => new("Needs reconnecting", Color.Error, Icons.Material.Filled.ErrorOutline,
            "Fullscript no longer accepts this connection. Press Reconnect and approve the portal at Fullscript again."),
        ConnectionState.Revoked => new("Revoked", Color.Error, Icons.Material.Filled.Block,
            "This connection was disconnected through the portal. Press Reconnect to connect again."),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>A disconnect Fullscript has not confirmed yet outranks every state: the grant may still be live.</summary>
    public static readonly ConnectionStateDisplay DisconnectPending = new("Disconnect pending", Color.Warning, Icons.Material.Filled.PendingActions,
        "Fullscript has not confirmed the disconnect yet, so the portal may still have access. It keeps retrying; nothing to do.");

    /// <summary>Fullscript approved a connection and the portal is exchanging its code: nothing to press until it is done.</summary>
    public static readonly ConnectionStateDisplay Finishing = new("Finishing…", Color.Primary, Icons.Material.Filled.HourglassTop,
        "Fullscript approved the connection; the portal is finishing it now.");

    /// <summary>A deliberate disconnect (by the person, their manager, the integrating app, or a deactivation): neutral.</summary>
    private static ConnectionStateDisplay Disconnected(string? reason) => new("Disconnected", Color.Default, Icons.Material.Filled.LinkOff,
        $"{DisconnectedBecause(reason)} Press Reconnect to connect again.");

    /// <summary>Support ended the connection, with a reason it had to give: a deliberate stop, so the theme's indigo
    /// "Dark" and a gavel, neither the green of a working connection nor the red of a failure.</summary>
    private static ConnectionStateDisplay RevokedBySupport(string? reason) => new("Revoked by support", Color.Dark, Icons.Material.Filled.Gavel,
        $"Support revoked this connection{(StateReasons.SupportsReason(reason) is { } why ? $": {AsSentence(why)}" : ".")} " +
        "Press Reconnect to connect again, or ask support if you think this was a mistake.");

    /// <summary>The app was revoked inside Fullscript: only the person can fix it, by reconnecting.</summary>
    private static ConnectionStateDisplay RevokedInFullscript(string reason) =>
        new("Revoked in Fullscript", Color.Error, Icons.Material.Filled.GppBad, reason);

    /// <summary>What <paramref name="connection"/> is as of <paramref name="now"/>, told apart by its stored reason: a
    /// disconnect, a support revocation, a revocation inside Fullscript, and any other reason to reconnect (which then is
    /// the sentence, so the card says it once).</summary>
    public static ConnectionStateDisplay For(ConnectionView? connection, DateTimeOffset now)
    {
        if (connection is null) return For(ConnectionState.NotConnected);
        if (connection.DisconnectPending) return DisconnectPending;
        var state = connection.StateAt(now);
        var reason = connection.StateReason;
        return state switch
        {
            ConnectionState.Revoked when StateReasons.MeansRevokedBySupport(reason) => RevokedBySupport(reason),
            ConnectionState.Revoked => Disconnected(reason),
            ConnectionState.NeedsReconnect when StateReasons.MeansRevokedInFullscript(reason) => RevokedInFullscript(reason!),
            ConnectionState.NeedsReconnect when !string.IsNullOrWhiteSpace(reason) => For(state) with { Sentence = reason },
            _ => For(state),
        };
    }

    private static string DisconnectedBecause(string? reason) => reason?.Trim() switch
    {
        null or "" => "This connection was disconnected.",
        var r when r.StartsWith("disconnected by ", StringComparison.Ordinal) => AsSentence(char.ToUpperInvariant(r[0]) + r[1..]),
        var r => $"Disconnected: {AsSentence(r)}",
    };

    private static string AsSentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";

    public static bool OffersConnect(ConnectionState state) =>
        state is ConnectionState.NotConnected or ConnectionState.NeedsReconnect or ConnectionState.Revoked;

    /// <summary>States that hold a grant the user can refresh or disconnect.</summary>
    public static bool HoldsGrant(ConnectionState state) =>
        state is ConnectionState.Active or ConnectionState.Expired or ConnectionState.RefreshFailing;
}
