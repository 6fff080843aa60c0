using FullscriptPortal.Lifecycle;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>Each connection's extra margin for proactive refresh, so a crowd connected at once does not refresh in one
/// burst. No host: the rule is a function of the connection's id.</summary>
public sealed class ProactiveJitterTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly List<Guid> Crowd = [.. Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid())];

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Without_a_jitter_setting_there_is_no_extra_margin(int seconds) =>
        Crowd.Select(id => LifecycleSweep.JitterOf(id, TimeSpan.FromSeconds(seconds))).Should().OnlyContain(j => j == TimeSpan.Zero);

    [Fact]
    public void A_connections_jitter_is_fixed_by_its_id()
    {
        var id = Guid.Parse("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e01");

        LifecycleSweep.JitterOf(id, FiveMinutes).Should().Be(LifecycleSweep.JitterOf(Guid.Parse(id.ToString()), FiveMinutes),
            "every sweep, on every instance, gives a connection the same margin");
    }

    [Fact]
    public void The_jitter_stays_between_zero_and_the_setting() =>
        Crowd.Select(id => LifecycleSweep.JitterOf(id, FiveMinutes)).Should().OnlyContain(j => j >= TimeSpan.Zero && j < FiveMinutes);

    [Fact]
    public void A_crowd_is_spread_across_the_whole_jitter()
    {
        var jitters = Crowd.Select(id => LifecycleSweep.JitterOf(id, FiveMinutes)).ToList();

        jitters.Distinct().Count().Should().BeGreaterThan(200, "a thousand connections land on many different seconds");
        jitters.Should().Contain(j => j < TimeSpan.FromMinutes(1)).And.Contain(j => j > TimeSpan.FromMinutes(4));
    }
}
