using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Observability;

/// <summary>The lifecycle worker swept recently (or another instance holds its lease), so refreshes are not stuck.</summary>
internal sealed class WorkerHealthCheck(WorkerHeartbeat heartbeat, IOptionsMonitor<TokenOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (!o.WorkerEnabled) return Task.FromResult(HealthCheckResult.Healthy("The worker is turned off here (Tokens:WorkerEnabled)."));
        var last = heartbeat.LastSweepAt;
        var overdue = o.WorkerInterval * 3;
        return Task.FromResult(
            last is null && time.GetUtcNow() - heartbeat.WatchedSince < overdue ? HealthCheckResult.Healthy("The worker is starting.")
            : last is null || time.GetUtcNow() - last > overdue ? HealthCheckResult.Unhealthy($"No worker sweep for over {overdue.TotalSeconds:0} s.")
            : heartbeat.LastError is { } error ? HealthCheckResult.Degraded($"The last sweep failed ({error}).")
            : HealthCheckResult.Healthy(heartbeat.IsActiveWorker ? "This instance runs the worker." : "Standing by: another instance holds the worker lease."));
    }
}
