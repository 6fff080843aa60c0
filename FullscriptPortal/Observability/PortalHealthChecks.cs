using FullscriptPortal.Data;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Observability;

/// <summary>The database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> dbs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            await db.Connections.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer ({ex.GetType().Name}).");
        }
    }
}

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
            last is null && time.GetUtcNow() - StartedAt < overdue ? HealthCheckResult.Healthy("The worker is starting.")
            : last is null || time.GetUtcNow() - last > overdue ? HealthCheckResult.Unhealthy($"No worker sweep for over {overdue.TotalSeconds:0} s.")
            : heartbeat.LastError is { } error ? HealthCheckResult.Degraded($"The last sweep failed ({error}).")
            : HealthCheckResult.Healthy(heartbeat.IsActiveWorker ? "This instance runs the worker." : "Standing by: another instance holds the worker lease."));
    }

    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;
}

/// <summary>The token key ring can be read, so stored tokens can be decrypted.</summary>
internal sealed class DataProtectionHealthCheck(TokenProtector protector) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(protector.Unprotect(protector.Protect("health")) == "health"
                ? HealthCheckResult.Healthy("The key ring is readable.")
                : HealthCheckResult.Unhealthy("The key ring gave back something else."));
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The key ring cannot be used ({ex.GetType().Name})."));
        }
    }
}
