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

    public static ConnectionStateDisplay For(ConnectionView? connection, DateTimeOffset now) =>
        connection?.DisconnectPending == true ? DisconnectPending : For(connection?.StateAt(now) ?? ConnectionState.NotConnected);

    public static bool OffersConnect(ConnectionState state) =>
        state is ConnectionState.NotConnected or ConnectionState.NeedsReconnect or ConnectionState.Revoked;

    /// <summary>States that hold a grant the user can refresh or disconnect.</summary>
    public static bool HoldsGrant(ConnectionState state) =>
        state is ConnectionState.Active or ConnectionState.Expired or ConnectionState.RefreshFailing;
}
