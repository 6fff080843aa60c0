using FullscriptPortal.Fullscript;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Fullscript;

/// <summary>The one rolling window behind the portal's Fullscript budget and the simulator's rate limit.</summary>
public sealed class RollingWindowCounterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_event_counts_until_exactly_one_window_has_passed()
    {
        var counter = new RollingWindowCounter(_time);
        counter.Record(Window);

        _time.Advance(Window - TimeSpan.FromTicks(1));
        counter.Count(Window).Should().Be(1);
        _time.Advance(TimeSpan.FromTicks(1));
        counter.Count(Window).Should().Be(0);
    }

    [Fact]
    public void Events_leave_the_window_one_by_one_in_the_order_they_came()
    {
        var counter = new RollingWindowCounter(_time);
        counter.Record(Window);
        _time.Advance(TimeSpan.FromMinutes(2));
        counter.Record(Window);
        counter.Record(Window);

        counter.Count(Window).Should().Be(3);
        _time.Advance(TimeSpan.FromMinutes(3));
        counter.Count(Window).Should().Be(2);
        _time.Advance(TimeSpan.FromMinutes(2));
        counter.Count(Window).Should().Be(0);
    }

    [Fact]
    public void A_full_window_refuses_and_says_when_the_oldest_leaves()
    {
        var counter = new RollingWindowCounter(_time);
        counter.TryRecord(limit: 2, Window).Should().BeNull();
        _time.Advance(TimeSpan.FromMinutes(1));
        counter.TryRecord(limit: 2, Window).Should().BeNull();

        counter.TryRecord(limit: 2, Window).Should().Be(TimeSpan.FromMinutes(4));
        counter.Count(Window).Should().Be(2, "a refused event is not counted");

        _time.Advance(TimeSpan.FromMinutes(4));
        counter.TryRecord(limit: 2, Window).Should().BeNull();
    }

    [Fact]
    public void The_budget_leaves_background_work_what_the_window_has_not_used()
    {
        var options = new TokenOptions();
        options.Budget.BackgroundCallsPerWindow = 3;
        var budget = new FullscriptBudget(Monitor(options), _time, new FakeCallLedger(), NullLogger<FullscriptBudget>.Instance);

        budget.Record();
        budget.Record();
        budget.AvailableForBackgroundWork.Should().Be(1);
        budget.Record();
        budget.Record();
        budget.AvailableForBackgroundWork.Should().Be(0);

        _time.Advance(options.Budget.Window);
        budget.Used.Should().Be(0);
        budget.AvailableForBackgroundWork.Should().Be(3);
    }

    [Fact]
    public void The_simulator_limits_each_client_on_its_own()
    {
        var limiter = new SimulatorRateLimiter(Monitor(new SimulatorOptions { RateLimit = 1, RateLimitWindow = Window }), _time);

        limiter.TryAcquire("a").Should().BeNull();
        limiter.TryAcquire("b").Should().BeNull();
        limiter.TryAcquire("a").Should().Be(Window);
        _time.Advance(Window);
        limiter.TryAcquire("a").Should().BeNull();
    }

    private static FixedOptions<T> Monitor<T>(T value) where T : class => new(value);

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
