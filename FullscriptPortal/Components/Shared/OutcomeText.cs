using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Components.Shared;

/// <summary>The sentences the pages show for what a service came to. Services return codes and data; the wording lives
/// here, once, for every component.</summary>
public static class OutcomeText
{
    /// <param name="outcome">What the refresh came to.</param>
    /// <param name="viewer">Writes a time the portal names (the next try) in the viewer's zone and language; without one
    /// (the API's answers) the time is UTC.</param>
    public static string For(RefreshOutcome outcome, ViewerTime? viewer = null) => outcome.Code switch
    {
        RefreshCode.Refreshed => "The connection was refreshed.",
        RefreshCode.RefreshedAndConfirmed => "Refreshed. Fullscript confirmed the connection works.",
        RefreshCode.Works => "The connection works.",
        RefreshCode.StillFresh => "The access token is still fresh.",
        RefreshCode.NoTokens => "This connection holds no tokens.",
        RefreshCode.DisconnectedOrDisconnecting => "This connection is disconnected or being disconnected.",
        RefreshCode.NoConnectionOfYours => "You have no connection you can refresh.",
        RefreshCode.NotAllowed => "You cannot refresh that connection.",
        RefreshCode.WaitRequested => (outcome.NextAttemptAt, viewer) switch
        {
            ({ } next, { } v) => $"Fullscript asked the portal to wait; the next try is {v.Relative(next)} ({v.TimeOfDay(next)}).",
            ({ } next, null) => $"Fullscript asked the portal to wait; the next try is at {next.UtcDateTime:HH:mm:ss} UTC.",
            _ => "Fullscript asked the portal to wait; it tries again shortly.",
        },
        RefreshCode.OtherInstanceRefreshing => "Another portal instance is refreshing this connection.",
        RefreshCode.OtherInstanceUpdated => "Another portal instance updated this connection meanwhile.",
        RefreshCode.OtherInstanceRefreshed => "Another portal instance refreshed this connection meanwhile.",
        RefreshCode.StoreFailed => "Fullscript issued new tokens but the portal could not store them; it will refresh again.",
        RefreshCode.Unreachable => "Fullscript is not answering right now; the portal keeps the connection and will retry.",
        RefreshCode.CheckUnreachable => "Fullscript could not be reached to check the connection; try again shortly.",
        RefreshCode.ChangedMeanwhile => "The connection was updated elsewhere while it was being checked; it shows as it is now.",
        _ => outcome.StateReason ?? "Fullscript no longer accepts this connection; reconnect it.",
    };

    public static string For(ExchangeOutcome outcome) => outcome.Code switch
    {
        ExchangeCode.Connected => outcome.ClinicName is null
            ? $"{AccountOf(outcome)} is connected."
            : $"{AccountOf(outcome)} at {outcome.ClinicName} is connected.",
        ExchangeCode.CodeExpired => "Finishing the connection took longer than Fullscript's 10 minutes, so it lapsed. Press Connect to start again.",
        ExchangeCode.FullscriptUnavailable => "Fullscript did not answer in time. The portal will try again shortly; you don't need to do anything.",
        ExchangeCode.OwnerTaken => $"That Fullscript account ({outcome.ResourceOwnerType}) is already connected to another portal user. " +
            (outcome.OnBehalfOf is { } name
                ? $"Connect again with {name} signed in to Fullscript with their own account, or ask support to free it."
                : "Sign in to Fullscript with your own account and connect again, or ask support to free it."),
        ExchangeCode.ForeignClinic => $"That Fullscript account belongs to {outcome.ClinicName}, another clinic's Fullscript account, so the portal " +
            "did not connect it and gave the access back to Fullscript. Connect again signed in to Fullscript as the person themselves, " +
            "at this clinic; if the clinic has moved to another Fullscript account, ask support to update it.",
        ExchangeCode.MissingScope => $"Fullscript connected the account but did not grant the scope {outcome.MissingScope}, which the portal needs. " +
            "An administrator must add it in Fullscript's API dashboard; then reconnect.",
        _ => "Fullscript did not accept this connection attempt (it may have expired or been used already). Press Connect to try again.",
    };

    /// <summary>"Your Fullscript account", or the person's when a manager connected them.</summary>
    private static string AccountOf(ExchangeOutcome outcome) =>
        outcome.OnBehalfOf is { } name ? $"{name}'s Fullscript account" : "Your Fullscript account";

    public static string For(DisconnectOutcome outcome) => outcome.Code switch
    {
        DisconnectCode.Disconnected => "Disconnected. Fullscript confirmed the portal no longer has access.",
        DisconnectCode.AlreadyDisconnected => "This connection is already disconnected.",
        DisconnectCode.Pending => "Fullscript has not confirmed the disconnect yet, so the connection is still live there. " +
            "The portal keeps trying; it shows as Disconnect pending until then.",
        DisconnectCode.NoSuchConnection => "There is no such connection.",
        DisconnectCode.NothingToRetry => "Nothing to retry.",
        DisconnectCode.NoConnectionOfYours => "You have no connection you can disconnect.",
        DisconnectCode.DisconnectNotAllowed => "You cannot disconnect that connection.",
        DisconnectCode.RevokeNotAllowed => "You cannot revoke that connection.",
        _ => $"Give a reason of {ConnectionDirectory.MinReasonLength} to {ConnectionDirectory.MaxReasonLength} characters; it is stored with the revocation.",
    };
}
