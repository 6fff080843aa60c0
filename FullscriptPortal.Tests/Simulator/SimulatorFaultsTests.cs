using FullscriptPortal.Simulator;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The one way faults are applied, shared by the /simulator page and the control endpoint.</summary>
public sealed class SimulatorFaultsTests
{
    [Fact]
    public void A_plan_replaces_every_fault_set_before()
    {
        var faults = new SimulatorFaults();
        faults.Apply(new SimulatorFaultPlan(LatencyMs: 200, FailNextTokenCalls: 2, DropNextTokenResponses: 1));

        var state = faults.Apply(new SimulatorFaultPlan(ThrottleNextTokenCalls: 3, RetryAfterSeconds: 42));

        state.Should().Be(new SimulatorFaultState(TimeSpan.Zero, 0, 503, 3, 42, 0));
        faults.State.Should().Be(state);
    }

    [Fact]
    public void Throttling_is_met_before_failing_and_each_count_runs_out()
    {
        var faults = new SimulatorFaults();
        faults.Apply(new SimulatorFaultPlan(FailNextTokenCalls: 1, FailStatus: 502, ThrottleNextTokenCalls: 1, RetryAfterSeconds: 7));

        faults.TakeTokenCallFailure().Should().Be((429, (int?)7));
        faults.TakeTokenCallFailure().Should().Be((502, (int?)null));
        faults.TakeTokenCallFailure().Should().BeNull();
    }

    [Theory]
    [InlineData(-1, 503, 30, 0, "latencyMs must be between 0 and 60000.")]
    [InlineData(60_001, 503, 30, 0, "latencyMs must be between 0 and 60000.")]
    [InlineData(0, 404, 30, 0, "failStatus must be a 5xx status.")]
    [InlineData(0, 503, -1, 0, "retryAfterSeconds must be between 0 and 86400.")]
    [InlineData(0, 503, 30, -1, "Counts cannot be negative.")]
    [InlineData(60_000, 599, 86_400, 0, null)]
    public void A_plan_names_what_is_wrong_with_it(int latencyMs, int failStatus, int retryAfterSeconds, int dropNext, string? problem) =>
        new SimulatorFaultPlan(latencyMs, 0, failStatus, 0, retryAfterSeconds, dropNext).Validate().Should().Be(problem);
}
