using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>How much background work the budget allows: the calls of a rolling window, counted on a fake clock. No host.</summary>
public sealed class FullscriptBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    private readonly FakeCallLedger _others = new();

    private FullscriptBudget CreateSut(int backgroundCallsPerWindow = 4) =>
        new(new FixedOptions(new TokenOptions { Budget = new BudgetOptions { BackgroundCallsPerWindow = backgroundCallsPerWindow, Window = TimeSpan.FromMinutes(5) } }),
            _time, _others, NullLogger<FullscriptBudget>.Instance);

    private static void Record(FullscriptBudget budget, int calls)
    {
        for (var i = 0; i < calls; i++) budget.Record();
    }

    [Fact]
    public void Background_work_may_use_what_the_window_has_left()
    {
        var budget = CreateSut(backgroundCallsPerWindow: 4);

        Record(budget, 3);

        budget.Used.Should().Be(3);
        budget.AvailableForBackgroundWork.Should().Be(1);
    }

    [Fact]
    public void People_calling_beyond_the_background_share_leave_nothing_for_background_work_and_never_less()
    {
        var budget = CreateSut(backgroundCallsPerWindow: 4);

        Record(budget, 7);

        budget.Used.Should().Be(7, "people's clicks are counted too, not refused");
        budget.AvailableForBackgroundWork.Should().Be(0);
    }

    [Fact]
    public void A_call_counts_for_the_length_of_the_window_and_then_no_longer()
    {
        var budget = CreateSut();
        Record(budget, 4);

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        budget.AvailableForBackgroundWork.Should().Be(0, "the calls are still inside the window");

        _time.Advance(TimeSpan.FromSeconds(2));
        budget.Used.Should().Be(0);
        budget.AvailableForBackgroundWork.Should().Be(4);
    }

    [Fact]
    public void The_window_rolls_instead_of_starting_afresh()
    {
        var budget = CreateSut();
        Record(budget, 2);
        _time.Advance(TimeSpan.FromMinutes(3));
        Record(budget, 2);

        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        budget.Used.Should().Be(2, "the first two left the window, the last two are three minutes younger");
        budget.AvailableForBackgroundWork.Should().Be(2);
    }

    [Fact]
    public async Task Other_instances_calls_count_once_read_and_leave_with_their_window()
    {
        var budget = CreateSut(backgroundCallsPerWindow: 10);
        Record(budget, 2);
        _others.Calls = 5;

        budget.AvailableForBackgroundWork.Should().Be(8, "the others' calls count only once the sweep has read them");
        await budget.RefreshAsync(CancellationToken.None);
        budget.Used.Should().Be(7);
        budget.AvailableForBackgroundWork.Should().Be(3);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        budget.Used.Should().Be(0, "a reading a whole window old says nothing about the current window");
    }

    [Fact]
    public async Task This_instances_calls_reach_the_ledger_batched_per_second()
    {
        var budget = CreateSut();
        Record(budget, 3);
        _time.Advance(TimeSpan.FromSeconds(1));
        Record(budget, 1);

        await budget.FlushAsync();

        _others.Added.Should().Be(4);
        _others.Seconds.Should().HaveCount(2);
    }

    private sealed class FixedOptions(TokenOptions value) : IOptionsMonitor<TokenOptions>
    {
        public TokenOptions CurrentValue => value;

        public TokenOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TokenOptions, string?> listener) => null;
    }
}
