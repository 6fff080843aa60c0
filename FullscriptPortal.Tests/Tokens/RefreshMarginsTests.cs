using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>Refresh margins are set for two-hour tokens and scaled down for short-lived ones, so a person watching a
/// two-minute token sees it run low, refresh and start again. No host: the rule is arithmetic.</summary>
public sealed class RefreshMarginsTests
{
    private const int TwoHours = 7200;
    private const int TwoMinutes = 120;
    private static readonly ProactiveRefreshOptions Defaults = new();
    private static readonly List<Guid> Crowd = [.. Enumerable.Range(0, 500).Select(_ => Guid.NewGuid())];

    [Fact]
    public void Two_hour_tokens_keep_the_configured_margins()
    {
        RefreshMargins.Margin(Defaults.Margin, TwoHours).Should().Be(TimeSpan.FromMinutes(10));
        RefreshMargins.Jitter(Defaults.Jitter, TwoHours).Should().Be(TimeSpan.FromMinutes(5));
        RefreshMargins.Margin(new FullscriptPortal.Fullscript.FullscriptOptions().RefreshBeforeExpiry, TwoHours).Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Two_minute_tokens_get_a_sixth_of_their_life_as_margin_and_a_twelfth_as_jitter()
    {
        RefreshMargins.Margin(Defaults.Margin, TwoMinutes).Should().Be(TimeSpan.FromSeconds(20));
        RefreshMargins.Jitter(Defaults.Jitter, TwoMinutes).Should().Be(TimeSpan.FromSeconds(10));
        RefreshMargins.Margin(new FullscriptPortal.Fullscript.FullscriptOptions().RefreshBeforeExpiry, TwoMinutes).Should().Be(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_margin_set_below_the_share_is_kept()
    {
        RefreshMargins.Margin(TimeSpan.FromSeconds(5), TwoMinutes).Should().Be(TimeSpan.FromSeconds(5));
        RefreshMargins.Jitter(TimeSpan.Zero, TwoMinutes).Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_unknown_lifetime_leaves_the_setting_as_it_is(int lifetimeSeconds)
    {
        RefreshMargins.Margin(Defaults.Margin, lifetimeSeconds).Should().Be(Defaults.Margin);
        RefreshMargins.Jitter(Defaults.Jitter, lifetimeSeconds).Should().Be(Defaults.Jitter);
    }

    [Fact]
    public void The_workers_margin_for_two_hour_tokens_is_unchanged() =>
        Crowd.Should().OnlyContain(id => LifecycleSweep.MarginOf(id, TwoHours, Defaults) == Defaults.Margin + LifecycleSweep.JitterOf(id, Defaults.Jitter));

    [Fact]
    public void The_workers_margin_for_two_minute_tokens_leaves_most_of_the_countdown_to_watch()
    {
        var margins = Crowd.Select(id => LifecycleSweep.MarginOf(id, TwoMinutes, Defaults)).ToList();

        margins.Should().OnlyContain(m => m >= TimeSpan.FromSeconds(20) && m < TimeSpan.FromSeconds(30), "a sixth of the life, plus up to a twelfth");
        margins.Distinct().Count().Should().BeGreaterThan(5, "the jitter still spreads a crowd");
    }
}
