using FullscriptPortal.Components.Shared;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Components;

public sealed class ViewerTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 22, 48, 0, TimeSpan.Zero);

    private static ViewerTime CreateSut(string? zone, string? culture)
    {
        var viewer = new ViewerTime(new FakeTimeProvider(Now));
        viewer.Use(new ViewerSettings(zone, culture));
        return viewer;
    }

    [Fact]
    public void A_viewer_in_berlin_reading_german_sees_german_local_time_not_the_servers()
    {
        var berlin = CreateSut("Europe/Berlin", "de-DE");

        berlin.Absolute(Now).Should().Be("28.11.2026 23:48 UTC+1");
    }

    [Fact]
    public void A_viewer_in_new_york_sees_the_previous_evening_in_us_format()
    {
        var newYork = CreateSut("America/New_York", "en-US");

        newYork.Absolute(Now).Should().Be("11/28/2026 5:48 PM UTC−5");
        newYork.TimeOfDay(Now.AddMinutes(2)).Should().Be("5:50:00 PM");
    }

    [Fact]
    public void A_viewer_whose_browser_has_not_said_sees_utc_named_as_such()
    {
        var unknown = CreateSut(null, null);

        unknown.Absolute(Now).Should().Be("11/28/2026 10:48 PM UTC");
        unknown.Known.Should().BeFalse();
    }

    [Fact]
    public void A_relative_time_knows_the_instant_its_words_next_change_so_a_page_redraws_it_then_and_not_every_second()
    {
        var viewer = CreateSut("Europe/Berlin", "en-GB");
        // Instants from 40 days ago to 40 days ahead, densest near now where the words change most often.
        var offsets = Enumerable.Range(-3_000, 6_001).Select(i => TimeSpan.FromSeconds(Math.Sign(i) * Math.Pow(Math.Abs(i) / 3_000.0, 3) * 40 * 86_400));
        foreach (var offset in offsets)
        {
            var at = Now + offset;
            var shown = viewer.Relative(at, Now);
            var next = ViewerTime.NextRelativeChange(at, Now);
            if (next is null)
            {
                shown.Should().Be(viewer.Relative(at, Now.AddYears(1)), $"{offset} shows a date, which stays");
                continue;
            }
            next.Value.Should().BeAfter(Now);
            viewer.Relative(at, next.Value.AddMilliseconds(-2)).Should().Be(shown, $"nothing changes for {offset} before the wake-up");
            if (next.Value - Now > TimeSpan.FromMilliseconds(1))
                viewer.Relative(at, next.Value).Should().NotBe(shown, $"the words for {offset} change at the wake-up");
        }
    }

    [Theory]
    [InlineData(-10, "just now")]
    [InlineData(-180, "3 min ago")]
    [InlineData(7200, "in 2 h")]
    [InlineData(-86400 * 5, "5 days ago")]
    [InlineData(-86400, "1 day ago")]
    [InlineData(30, "in a moment")]
    public void Relative_times_read_the_way_people_scan(int seconds, string expected) =>
        CreateSut("Europe/Berlin", "en-GB").Relative(Now.AddSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void Beyond_a_month_a_relative_time_is_the_date_in_the_viewers_format() =>
        CreateSut("Europe/Berlin", "de-DE").Relative(Now.AddDays(-60)).Should().Be("30.09.2026", "22:48 UTC on 29 September is past midnight in Berlin");

    [Theory]
    [InlineData("Europe%2FBerlin%7Cde-DE", "dark", "Europe/Berlin", "de-DE", true)]
    [InlineData("Asia/Tokyo|ja-JP", "light", "Asia/Tokyo", "ja-JP", false)]
    [InlineData("Mars/Olympus|xx-NOPE", null, null, null, null)]
    [InlineData("<script>|'; drop table", "neon", null, null, null)]
    [InlineData(null, null, null, null, null)]
    public void The_browsers_cookie_is_read_strictly(string? cookie, string? theme, string? zone, string? culture, bool? dark)
    {
        var settings = ViewerSettings.From(cookie, theme);

        settings.Should().Be(new ViewerSettings(zone, culture, dark));
    }

    [Fact]
    public void An_oversized_cookie_is_ignored() =>
        ViewerSettings.From(new string('a', 5000) + "|de-DE", null).Should().Be(new ViewerSettings());

    [Fact]
    public void Fullscripts_wait_names_the_next_try_in_the_viewers_zone_not_utc()
    {
        var outcome = new RefreshOutcome(RefreshResult.WillRetry, RefreshCode.WaitRequested, NextAttemptAt: Now.AddMinutes(3));

        OutcomeText.For(outcome, CreateSut("Europe/Berlin", "de-DE"))
            .Should().Be("Fullscript asked the portal to wait; the next try is in 3 min (23:51:00).");
    }
}
