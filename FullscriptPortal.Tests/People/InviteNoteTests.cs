using Bunit;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.People;

/// <summary>A row says where a person's invite stands, in the viewer's own date format: invited and until when, or expired
/// (so the manager resends); nothing for an invite that was used or cancelled, or for someone connected.</summary>
public sealed class InviteNoteTests : PortalTestContext
{
    private DateTimeOffset Now => Time.GetUtcNow();

    private static PersonRow Row(InviteView? invite, ConnectionView? connection = null) =>
        new("sam", "Sam Front", "sam@example.test", "Staff", 1, "Northside", null, connection, invite);

    private InviteView Invite(DateTimeOffset expiresAt, DateTimeOffset? usedAt = null, DateTimeOffset? cancelledAt = null) =>
        new(Guid.NewGuid(), Now.AddDays(-1), expiresAt, usedAt, cancelledAt);

    private void ViewerIn(string zone, string culture) => Services.GetRequiredService<ViewerTime>().Use(new ViewerSettings(zone, culture));

    private IRenderedComponent<InviteNote> Note(PersonRow row) => Render<InviteNote>(p => p.Add(n => n.Row, row));

    [Theory]
    [InlineData("Europe/London", "en-GB", "Invited, expires 5 Dec")]
    [InlineData("America/New_York", "en-US", "Invited, expires Dec 5")]
    [InlineData("Europe/Berlin", "de-DE", "Invited, expires 5. Dez.")]
    public void A_pending_invite_says_until_when_in_the_viewers_format(string zone, string culture, string text)
    {
        ViewerIn(zone, culture);

        var note = Note(Row(Invite(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero)))).Find("[data-testid=row-invite]");

        note.TextContent.Trim().Should().Be(text);
        note.GetAttribute("data-status").Should().Be("pending");
    }

    [Fact]
    public void The_date_is_the_viewers_day_not_the_servers()
    {
        ViewerIn("Pacific/Auckland", "en-GB");

        // 5 December 20:00 UTC is already 6 December in New Zealand.
        Note(Row(Invite(new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero)))).Find("[data-testid=row-invite]").TextContent.Trim()
            .Should().Be("Invited, expires 6 Dec");
    }

    [Fact]
    public void An_expired_invite_says_so_so_the_manager_knows_to_resend()
    {
        ViewerIn("Europe/London", "en-GB");

        var note = Note(Row(Invite(Now.AddDays(-1)))).Find("[data-testid=row-invite]");

        note.TextContent.Trim().Should().Be("Invite expired 27 Nov");
        note.GetAttribute("data-status").Should().Be("expired");
    }

    [Fact]
    public void A_pending_invite_turns_expired_on_screen_when_its_time_comes()
    {
        ViewerIn("Europe/London", "en-GB");
        var note = Note(Row(Invite(Now.AddSeconds(30))));
        note.Find("[data-testid=row-invite]").GetAttribute("data-status").Should().Be("pending");

        Time.Advance(TimeSpan.FromMinutes(1));

        note.WaitForAssertion(() => note.Find("[data-testid=row-invite]").TextContent.Trim().Should().Be("Invite expired 28 Nov"));
    }

    [Fact]
    public void A_used_or_cancelled_invite_and_a_connected_person_show_nothing()
    {
        Note(Row(Invite(Now.AddDays(6), usedAt: Now))).FindAll("[data-testid=row-invite]").Should().BeEmpty();
        Note(Row(Invite(Now.AddDays(6), cancelledAt: Now))).FindAll("[data-testid=row-invite]").Should().BeEmpty();
        Note(Row(Invite(Now.AddDays(6)), ConnectionViews.With(ConnectionState.Active, Now.AddHours(1)))).FindAll("[data-testid=row-invite]")
            .Should().BeEmpty("a connected person's old invite is history");
        Note(Row(null)).Markup.Trim().Should().BeEmpty();
    }
}
