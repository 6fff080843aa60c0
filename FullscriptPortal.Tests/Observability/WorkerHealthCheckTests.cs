using FullscriptPortal.Lifecycle;
using FullscriptPortal.Observability;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Observability;

/// <summary>The worker's health reads the injected clock only, from the instance's start to its last sweep.</summary>
public sealed class WorkerHealthCheckTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenOptions _options = new() { WorkerEnabled = true, WorkerInterval = TimeSpan.FromSeconds(30) };

    private async Task<HealthStatus> StatusAsync(WorkerHeartbeat heartbeat) =>
        (await new WorkerHealthCheck(heartbeat, new FixedOptions(_options), _time).CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task A_new_instance_has_three_intervals_to_sweep_then_is_unhealthy()
    {
        var heartbeat = new WorkerHeartbeat(_time);

        (await StatusAsync(heartbeat)).Should().Be(HealthStatus.Healthy);
        _time.Advance(TimeSpan.FromSeconds(90));
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
