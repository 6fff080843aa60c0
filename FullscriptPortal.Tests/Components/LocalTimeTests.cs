using Bunit;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Mail;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Components;

/// <summary>Times on screen are the viewer's: their zone and language, as the browser told the circuit.</summary>
public sealed class LocalTimeTests : PortalTestContext
{
    private ViewerTime Viewer => Services.GetRequiredService<ViewerTime>();

    private void ViewerIn(string zone, string culture) => Viewer.Use(new ViewerSettings(zone, culture));

    [Fact]
    public void An_absolute_time_is_in_the_viewers_zone_and_format_with_the_instant_in_machine_form()
    {
        ViewerIn("Asia/Tokyo", "ja-JP");

        var time = Render<LocalTime>(p => p.Add(t => t.Value, Time.GetUtcNow())).Find("time");

        time.TextContent.Should().Be("2026/11/28 18:00 UTC+9");
        time.GetAttribute("datetime").Should().Be("2026-11-28T09:00:00.0000000Z");
    }

    [Fact]
    public void A_relative_time_names_the_exact_local_time_in_its_title_and_keeps_itself_current()
    {
        ViewerIn("Europe/Berlin", "de-DE");
        var cut = Render<LocalTime>(p => p.Add(t => t.Value, Time.GetUtcNow().AddMinutes(-3)).Add(t => t.Style, TimeStyle.Relative));

        cut.Find("time").TextContent.Should().Be("3 min ago");
        cut.Find("time").GetAttribute("title").Should().Be("28.11.2026 09:57 UTC+1");

        Time.Advance(TimeSpan.FromMinutes(2));

        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("5 min ago"));
    }

    [Fact]
    public void Times_already_shown_redraw_when_the_browser_tells_its_zone_after_the_first_render()
    {
        var cut = Render<LocalTime>(p => p.Add(t => t.Value, Time.GetUtcNow()));
        cut.Find("time").TextContent.Should().EndWith("UTC");

        cut.InvokeAsync(() => ViewerIn("America/New_York", "en-US"));

        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("11/28/2026 4:00 AM UTC−5"));
    }

    [Fact]
    public void The_card_shows_when_it_connected_in_the_viewers_zone_and_the_last_refresh_relative()
    {
        ViewerIn("Europe/Berlin", "de-DE");
        var connection = ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddHours(1)) with
        {
            ConnectedAt = Time.GetUtcNow().AddDays(-2),
            LastRefreshedAt = Time.GetUtcNow().AddMinutes(-3),
        };

        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, connection));

        card.Markup.Should().Contain("26.11.2026 10:00 UTC+1");
        card.Find("[data-testid=last-refresh] time").TextContent.Should().Be("3 min ago");
        card.Find("[data-testid=last-refresh] time").GetAttribute("title").Should().Be("28.11.2026 09:57 UTC+1");
    }

    [Fact]
    public async Task The_invite_dialog_says_when_the_link_expires_in_the_viewers_zone()
    {
        Services.AddLogging();
        Services.AddOptions<EmailOptions>();
        Services.AddSingleton<PortalMailer>();
        Services.AddSingleton<PortalEmails>();
        ViewerIn("America/Los_Angeles", "en-US");
        var provider = Render<MudDialogProvider>();
        var link = new InviteLink("/invite/abc123", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<InviteDialog>("Invite",
            new DialogParameters<InviteDialog> { { d => d.PersonName, "Sam Front" }, { d => d.Link, link } }));

        provider.Find("[data-testid=invite-expires]").TextContent.Should().Be("Saturday, December 5, 2026 1:00 AM UTC−8");
    }
}
