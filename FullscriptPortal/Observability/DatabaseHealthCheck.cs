using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
