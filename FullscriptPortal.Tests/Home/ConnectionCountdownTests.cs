using Bunit;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Home;

public sealed class ConnectionCountdownTests : PortalTestContext
{
    [Fact]
    public void The_server_renders_the_expiry_once_and_the_browser_ticks_it()
    {
        var expiresAt = Time.GetUtcNow().AddMinutes(40);
        var countdown = Render<ConnectionCountdown>(p => p.Add(c => c.ExpiresAt, expiresAt).Add(c => c.Lifetime, TimeSpan.FromHours(2)));

        var text = countdown.Find("[data-testid=countdown]");
        text.TextContent.Should().Be("40:00");
        text.GetAttribute("data-expires-at").Should().Be(expiresAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        text.GetAttribute("role").Should().Be("timer", "a timer's live region is off: a screen reader does not read every second");
        countdown.Find("[data-countdown-announce]").GetAttribute("aria-live").Should().Be("polite");

        // Seconds, and even the 15-minute threshold, pass in the browser: the server sends nothing for them.
        Time.Advance(TimeSpan.FromMinutes(30));
        countdown.RenderCount.Should().Be(1);
    }

    [Fact]
    public void The_card_turns_expired_when_the_token_runs_out_and_not_before()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddSeconds(3))));
        card.Find("[data-testid=countdown]").TextContent.Should().Be("0:03");
        card.Find(".connection-countdown").ClassList.Should().Contain("countdown-soon");

        Time.Advance(TimeSpan.FromSeconds(2));
        card.RenderCount.Should().Be(1);
        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Active");

        Time.Advance(TimeSpan.FromSeconds(1));
        card.WaitForAssertion(() => card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Expired"));
        card.Find("[data-testid=countdown]").TextContent.Should().Be("Expired");
        card.Find(".connection-countdown").ClassList.Should().Contain("countdown-expired");
    }

    [Fact]
    public void A_new_expiry_is_rendered_once_and_timed_again()
    {
        var countdown = Render<ConnectionCountdown>(p => p.Add(c => c.ExpiresAt, Time.GetUtcNow().AddSeconds(5)));
        var renewed = Time.GetUtcNow().AddHours(2);

        countdown.Render(p => p.Add(c => c.ExpiresAt, renewed));
        Time.Advance(TimeSpan.FromSeconds(10));

        countdown.RenderCount.Should().Be(2, "the old expiry's moment passed without waking the server");
        countdown.Find("[data-testid=countdown]").TextContent.Should().Be("2:00:00");
        countdown.Find(".connection-countdown").ClassList.Should().NotContain("countdown-expired");
    }
}
