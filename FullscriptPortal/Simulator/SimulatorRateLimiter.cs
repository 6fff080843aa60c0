using Microsoft.Extensions.Options;

namespace FullscriptPortal.Simulator;

/// <summary>Fullscript's documented limit, 5,000 requests per rolling 5 minutes, assumed per app (fullscript-api.md §6).</summary>
public sealed class SimulatorRateLimiter(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);

    /// <summary>Counts a request of <paramref name="clientKey"/>; null if allowed, else how long until one is.</summary>
    public TimeSpan? TryAcquire(string clientKey)
    {
        var (limit, window) = (options.CurrentValue.RateLimit, options.CurrentValue.RateLimitWindow);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_requests.TryGetValue(clientKey, out var recent)) _requests[clientKey] = recent = new Queue<DateTimeOffset>();
            while (recent.Count > 0 && recent.Peek() <= now - window) recent.Dequeue();
            if (recent.Count >= limit) return recent.Peek() + window - now;
            recent.Enqueue(now);
            return null;
        }
    }
}
