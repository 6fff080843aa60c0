namespace FullscriptPortal.Connections;

/// <summary>The states of DESIGN.md. The stored state is what the portal last learned; <see cref="ConnectionView.StateAt"/>
/// adds the one that only time changes (an Active connection whose access token ran out is Expired).</summary>
public enum ConnectionState
{
    NotConnected,
    Active,
    Expired,
    RefreshFailing,
    NeedsReconnect,
    Revoked,
}
