using FullscriptPortal.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FullscriptPortal.Observability;

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
