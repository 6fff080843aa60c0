using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>Whether this instance must wait for another's refresh of a connection. No host: the decision is a function.</summary>
public sealed class RefreshLeaseTests
{
    private const string Us = "instance-a";
    private const string Them = "instance-b";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_connection_nobody_is_refreshing_is_free() =>
        RefreshLease.IsHeldByAnother(null, null, Us, Now).Should().BeFalse();

    [Fact]
    public void Another_instances_running_lease_makes_this_one_wait() =>
        RefreshLease.IsHeldByAnother(Now.AddSeconds(1), Them, Us, Now).Should().BeTrue();

    [Fact]
    public void This_instances_own_lease_does_not_make_it_wait() =>
        RefreshLease.IsHeldByAnother(Now.AddSeconds(30), Us, Us, Now).Should().BeFalse();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-3600)]
    public void A_lease_that_has_run_out_is_free_whoever_held_it(int secondsLeft) =>
        RefreshLease.IsHeldByAnother(Now.AddSeconds(secondsLeft), Them, Us, Now).Should().BeFalse("its holder died or hangs, so another may take over");
}
