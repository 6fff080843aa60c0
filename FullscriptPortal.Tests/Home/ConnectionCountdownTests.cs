using Bunit;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Home;

public sealed class ConnectionCountdownTests : PortalTestContext
{
    [Fact]
    public void The_countdown_ticks_with_the_clock_and_reaches_expired_at_zero()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddSeconds(3))));
        card.Find("[data-testid=countdown]").TextContent.Should().Be("0:03");

        Time.Advance(TimeSpan.FromSeconds(1));
        card.WaitForAssertion(() => card.Find("[data-testid=countdown]").TextContent.Should().Be("0:02"));

        Time.Advance(TimeSpan.FromSeconds(1));
        card.WaitForAssertion(() => card.Find("[data-testid=countdown]").TextContent.Should().Be("0:01"));
        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Active");

        Time.Advance(TimeSpan.FromSeconds(1));
        card.WaitForAssertion(() => card.Find("[data-testid=countdown]").TextContent.Should().Be("Expired"));
        card.WaitForAssertion(() => card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Expired"));
    }

    [Fact]
    public void Without_time_passing_nothing_changes()
    {
        var card = Render<ConnectionCountdown>(p => p.Add(c => c.ExpiresAt, Time.GetUtcNow().AddMinutes(5)));

        card.Find("[data-testid=countdown]").TextContent.Should().Be("5:00");
        card.RenderCount.Should().Be(1);
    }
}
