using System.Collections.Concurrent;
using FullscriptPortal.Fullscript;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Simulator;

/// <summary>Fullscript's documented limit, 5,000 requests per rolling 5 minutes, assumed per app (fullscript-api.md §6).</summary>
public sealed class SimulatorRateLimiter(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RollingWindowCounter> _requests = new(StringComparer.Ordinal);

    /// <summary>Counts a request of <paramref name="clientKey"/>; null if allowed, else how long until one is.</summary>
    public TimeSpan? TryAcquire(string clientKey) =>
        _requests.GetOrAdd(clientKey, _ => new RollingWindowCounter(time))
            .TryRecord(options.CurrentValue.RateLimit, options.CurrentValue.RateLimitWindow);
}
