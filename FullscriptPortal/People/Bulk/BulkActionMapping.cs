using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>The row action and the policy action each bulk action is, so a bulk run offers and allows exactly what the
/// row's own menu would.</summary>
public static class BulkActionMapping
{
    public static RowAction AsRowAction(this BulkAction action) => action switch
    {
        BulkAction.Refresh => RowAction.Refresh,
        BulkAction.Disconnect => RowAction.Disconnect,
        BulkAction.Revoke => RowAction.Revoke,
        _ => RowAction.Invite,
    };

    public static ConnectionAction AsConnectionAction(this BulkAction action) => action switch
    {
        BulkAction.Refresh => ConnectionAction.Refresh,
        BulkAction.Disconnect => ConnectionAction.Disconnect,
        BulkAction.Revoke => ConnectionAction.Revoke,
        _ => ConnectionAction.Invite,
    };

    /// <summary>What a finished item of this action is called in the summary ("6 disconnected").</summary>
    public static string DoneWord(this BulkAction action) => action switch
    {
        BulkAction.Refresh => "refreshed",
        BulkAction.Disconnect => "disconnected",
        BulkAction.Revoke => "revoked",
        _ => "invited",
    };
}
