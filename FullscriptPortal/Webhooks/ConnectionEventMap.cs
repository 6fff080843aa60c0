using FullscriptPortal.Connections;

namespace FullscriptPortal.Webhooks;

/// <summary>Which events a saved change of a connection is: one rule, read from the state before and after.</summary>
public static class ConnectionEventMap
{
    /// <param name="before">Null when the connection is new.</param>
    /// <param name="after">Null when the connection is deleted.</param>
    public static IReadOnlyList<string> EventsOf(ConnectionSnapshot? before, ConnectionSnapshot? after)
    {
        if (after is null)
            return before is { State: not (ConnectionState.Revoked or ConnectionState.NotConnected) } ? [WebhookEvents.Disconnected] : [];
        var was = before?.State;
        if (was == after.State)
        {
            if (after.State != ConnectionState.Active) return [];
            // A new consent over a live connection is a new grant; otherwise a new pair of tokens is a routine refresh.
            if (before!.ConnectedAt != after.ConnectedAt) return [WebhookEvents.Connected];
            return before.LastRefreshedAt != after.LastRefreshedAt ? [WebhookEvents.Refreshed] : [];
        }
        return after.State switch
        {
            ConnectionState.Active when was == ConnectionState.RefreshFailing => [WebhookEvents.Recovered],
            ConnectionState.Active => [WebhookEvents.Connected],
            ConnectionState.RefreshFailing => [WebhookEvents.Failing],
            // Both: a program that only branches on needs_reconnect hears it, one that cares why hears that too.
            ConnectionState.NeedsReconnect when StateReasons.MeansRevokedInFullscript(after.StateReason) =>
                [WebhookEvents.NeedsReconnect, WebhookEvents.RevokedInFullscript],
            ConnectionState.NeedsReconnect => [WebhookEvents.NeedsReconnect],
            ConnectionState.Revoked => [WebhookEvents.Disconnected],
            _ => [],
        };
    }
}
