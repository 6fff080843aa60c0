using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>The wait after transient refresh failures: doubling from the base delay, capped at the maximum, with ±20%
/// jitter so a fleet of failing connections does not retry in step. No host: the rule is a method of the options.</summary>
public sealed class BackoffTests
{
    private static readonly TokenOptions Options = new() { RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromMinutes(15) };

    private static List<TimeSpan> Waits(int failures, int samples = 500) => [.. Enumerable.Range(0, samples).Select(_ => Options.BackoffAfter(failures))];

    private static void ShouldAllBeWithinTwentyPercentOf(List<TimeSpan> waits, TimeSpan expected) =>
        waits.Should().OnlyContain(w => w >= expected * 0.8 && w <= expected * 1.2, "the wait is {0} give or take 20%", expected);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    public void Each_further_failure_doubles_the_wait(int failures, int seconds) =>
        ShouldAllBeWithinTwentyPercentOf(Waits(failures), TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(10_000)]
    public void The_wait_stops_growing_at_the_maximum(int failures) =>
        ShouldAllBeWithinTwentyPercentOf(Waits(failures), TimeSpan.FromMinutes(15));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_count_below_one_waits_like_the_first_failure(int failures) =>
        ShouldAllBeWithinTwentyPercentOf(Waits(failures), TimeSpan.FromSeconds(30));

    [Fact]
    public void The_jitter_spreads_retries_across_the_whole_band()
    {
        var waits = Waits(1, samples: 1000);

        waits.Should().Contain(w => w < TimeSpan.FromSeconds(26), "some retry early").And.Contain(w => w > TimeSpan.FromSeconds(34), "some retry late");
        waits.Distinct().Count().Should().BeGreaterThan(900, "hardly any two connections retry at the same instant");
    }
}
