using FullscriptPortal.Lifecycle;
using FullscriptPortal.Observability;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Observability;

/// <summary>The worker's health reads the injected clock only, from the first check to the last sweep.</summary>
public sealed class WorkerHealthCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenOptions _options = new() { WorkerEnabled = true, WorkerInterval = TimeSpan.FromSeconds(30) };

    private async Task<HealthStatus> StatusAsync(WorkerHeartbeat heartbeat) =>
        (await new WorkerHealthCheck(heartbeat, new FixedOptions(_options), _time).CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task A_worker_has_three_intervals_from_the_first_check_to_sweep_then_is_unhealthy()
    {
        var heartbeat = new WorkerHeartbeat(_time);
        _time.Advance(TimeSpan.FromMinutes(5)); // start-up work before anyone asks does not use up the grace period

        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Healthy);
        _time.Advance(TimeSpan.FromSeconds(89));
        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Healthy);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task A_recent_sweep_is_healthy_and_a_stale_one_is_not()
    {
        var heartbeat = new WorkerHeartbeat(_time);
        _time.Advance(TimeSpan.FromMinutes(10));
        heartbeat.Beat(_time.GetUtcNow(), active: true);

        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Healthy);
        _time.Advance(TimeSpan.FromSeconds(91));
        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Unhealthy);
    }

    private sealed class FixedOptions(TokenOptions value) : IOptionsMonitor<TokenOptions>
    {
        public TokenOptions CurrentValue => value;
        public TokenOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<TokenOptions, string?> listener) => null;
    }
}
