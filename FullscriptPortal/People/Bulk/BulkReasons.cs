using FullscriptPortal.Tokens;

namespace FullscriptPortal.People;

/// <summary>Why an item of a bulk run was skipped or failed, in the few words the summary groups by
/// ("2 skipped: not connected").</summary>
public static class BulkReasons
{
    public const string NotConnected = "not connected";
    public const string AlreadyConnected = "already connected";
    public const string AlreadyInvited = "already invited";
    public const string AlreadyDisconnected = "already disconnected";
    public const string BeingDisconnected = "being disconnected";
    public const string NeedsReconnecting = "needs reconnecting";
    public const string NotAllowed = "not yours to change";
    public const string Gone = "no longer in your list";
    public const string NotAnswering = "Fullscript not answering";
    public const string BudgetSpent = "Fullscript's rate budget is spent for now";
    public const string MailFailed = "the e-mail could not be sent";
    public const string Busy = "busy elsewhere, try again";
    public const string Unexpected = "something went wrong";

    /// <summary>A refresh that did not succeed: skipped when the row no longer has a connection to refresh, failed otherwise.</summary>
    public static (BulkResult Result, string Reason) Of(RefreshOutcome outcome) => outcome.Code switch
    {
        RefreshCode.NotAllowed or RefreshCode.NoConnectionOfYours => (BulkResult.Skipped, NotAllowed),
        RefreshCode.NoTokens or RefreshCode.DisconnectedOrDisconnecting => (BulkResult.Skipped, NotConnected),
        RefreshCode.NeedsReconnect => (BulkResult.Failed, NeedsReconnecting),
        RefreshCode.OtherInstanceRefreshing or RefreshCode.OtherInstanceUpdated or RefreshCode.ChangedMeanwhile => (BulkResult.Failed, Busy),
        RefreshCode.StoreFailed => (BulkResult.Failed, "new tokens could not be stored"),
        _ => (BulkResult.Failed, NotAnswering),
    };

    /// <summary>A disconnect or revocation that did not end as Disconnected.</summary>
    public static (BulkResult Result, string Reason) Of(DisconnectOutcome outcome) => outcome.Code switch
    {
        DisconnectCode.AlreadyDisconnected => (BulkResult.Skipped, AlreadyDisconnected),
        DisconnectCode.NoSuchConnection or DisconnectCode.NothingToRetry => (BulkResult.Skipped, NotConnected),
        DisconnectCode.Pending => (BulkResult.Failed, NotAnswering),
        DisconnectCode.ReasonRequired => (BulkResult.Failed, "a reason is required"),
        _ => (BulkResult.Skipped, NotAllowed),
    };
}
