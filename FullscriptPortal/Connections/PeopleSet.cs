namespace FullscriptPortal.Connections;

/// <summary>The sets the coverage tiles count that no single state names, so a tile can show the grid its own rows:
/// connected while the access token works (a refresh being retried included), that with the token expiring within
/// 15 minutes, and not connected (never, or revoked).</summary>
public enum PeopleSet
{
    Connected,
    ExpiringSoon,
    NotConnected,
}
