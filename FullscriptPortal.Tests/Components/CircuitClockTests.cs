using FullscriptPortal.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Components;

/// <summary>A page's parts are woken at the instant their words change, once, and never while nobody is waiting.</summary>
public sealed class CircuitClockTests
{
    [Fact]
    public void A_wake_up_comes_once_at_its_instant_and_not_a_second_before()
    {
        var time = new FakeTimeProvider();
        var clock = new CircuitClock(time);
        var woken = 0;
        using var wake = clock.WakeAt(time.GetUtcNow().AddSeconds(10), () => woken++);

        time.Advance(TimeSpan.FromSeconds(9));
        woken.Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(1));
        woken.Should().Be(1);
        time.Advance(TimeSpan.FromMinutes(5));
        woken.Should().Be(1, "a wake-up is one instant, not a ticking timer");
    }

    [Fact]
    public void A_wake_up_called_off_never_comes()
    {
        var time = new FakeTimeProvider();
        var clock = new CircuitClock(time);
        var woken = 0;
        var wake = clock.WakeAt(time.GetUtcNow().AddSeconds(10), () => woken++);

        wake.Dispose();
        time.Advance(TimeSpan.FromMinutes(1));

        woken.Should().Be(0);
    }
}
