using FullscriptPortal.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Components;

public sealed class CircuitClockTests
{
    private sealed class CountingTime(FakeTimeProvider inner) : TimeProvider
    {
        public int TimersCreated { get; private set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public void A_thousand_countdowns_share_one_timer_and_each_hears_every_second_once()
    {
        var fake = new FakeTimeProvider();
        var time = new CountingTime(fake);
        using var clock = new CircuitClock(time);
        var ticks = new int[1000];
        for (var i = 0; i < ticks.Length; i++)
        {
            var index = i;
            clock.Ticked += () => ticks[index]++;
        }

        fake.Advance(TimeSpan.FromSeconds(3));

        time.TimersCreated.Should().Be(1);
        ticks.Should().OnlyContain(t => t == 3);
    }

    [Fact]
    public void The_timer_stops_when_the_last_listener_leaves()
    {
        var fake = new FakeTimeProvider();
        using var clock = new CircuitClock(fake);
        var heard = 0;
        void Listener() => heard++;
        clock.Ticked += Listener;
        fake.Advance(TimeSpan.FromSeconds(1));

        clock.Ticked -= Listener;
        fake.Advance(TimeSpan.FromSeconds(5));

        heard.Should().Be(1);
    }
}
