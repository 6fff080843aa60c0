using FullscriptPortal.Connect;
using FullscriptPortal.Connections;

namespace FullscriptPortal.Home;

/// <summary>The connection shown to the signed-in user and whether they may act on it, loaded once by the page and
/// handed to <c>MyConnectionPanel</c>, which keeps it live.</summary>
public sealed record MyConnection(ConnectionView? Connection, bool CanManage)
{
    public static async Task<MyConnection> LoadAsync(ConnectionsCircuitService connections) =>
        new(await connections.GetMyConnectionAsync(), await connections.CanManageMyConnectionAsync());
}
