namespace FullscriptPortal.Connections;

public enum ConnectionAction
{
    Connect,
    Refresh,
    Disconnect,

    /// <summary>Support's disconnect of anyone's connection, always with a reason.</summary>
    Revoke,
    Invite,
}
