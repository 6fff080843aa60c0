using FullscriptPortal.Connections;
using FullscriptPortal.Webhooks;

namespace FullscriptPortal.Tests.Webhooks;

public sealed class ConnectionEventMapTests
{
    private static readonly DateTimeOffset Connected = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static ConnectionSnapshot S(ConnectionState state, string? reason = null, DateTimeOffset? connectedAt = null, DateTimeOffset? refreshed = null) =>
        new(state, reason, connectedAt ?? Connected, refreshed);

    [Fact]
    public void Each_transition_is_the_event_its_name_says() => new[]
    {
        ConnectionEventMap.EventsOf(null, S(ConnectionState.Active)),
        ConnectionEventMap.EventsOf(S(ConnectionState.NotConnected), S(ConnectionState.Active)),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.RefreshFailing)),
        ConnectionEventMap.EventsOf(S(ConnectionState.RefreshFailing), S(ConnectionState.Active, refreshed: Connected.AddHours(1))),
        ConnectionEventMap.EventsOf(S(ConnectionState.RefreshFailing), S(ConnectionState.NeedsReconnect, "Fullscript could not be reached for 24 hours")),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.NeedsReconnect, StateReasons.AccessTokenRejected)),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.Revoked)),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.Active, refreshed: Connected.AddHours(2))),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.Active, connectedAt: Connected.AddDays(1))),
        ConnectionEventMap.EventsOf(S(ConnectionState.NeedsReconnect), S(ConnectionState.Active, connectedAt: Connected.AddDays(1))),
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), null),
    }.Should().BeEquivalentTo(new[]
    {
        [WebhookEvents.Connected],
        [WebhookEvents.Connected],
        [WebhookEvents.Failing],
        [WebhookEvents.Recovered],
        [WebhookEvents.NeedsReconnect],
        new[] { WebhookEvents.NeedsReconnect, WebhookEvents.RevokedInFullscript },
        [WebhookEvents.Disconnected],
        [WebhookEvents.Refreshed],
        [WebhookEvents.Connected],
        [WebhookEvents.Connected],
        [WebhookEvents.Disconnected],
    }, o => o.WithStrictOrdering());

    [Fact]
    public void Changes_that_are_not_transitions_are_no_event()
    {
        ConnectionEventMap.EventsOf(S(ConnectionState.RefreshFailing), S(ConnectionState.RefreshFailing)).Should().BeEmpty("a further failure of the same episode");
        ConnectionEventMap.EventsOf(S(ConnectionState.Active), S(ConnectionState.Active)).Should().BeEmpty("a probe or a bookkeeping write");
        ConnectionEventMap.EventsOf(S(ConnectionState.Revoked), null).Should().BeEmpty();
    }
}
