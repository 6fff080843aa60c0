namespace FullscriptPortal.Fullscript;

/// <summary>Counts events over a rolling window, the shape of Fullscript's rate limit ("5,000 requests per rolling
/// 5 minutes", fullscript-api.md §6). An event leaves the window exactly <c>window</c> after it happened. Thread-safe.</summary>
public sealed class RollingWindowCounter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _events = new();

    /// <summary>Counts one event now.</summary>
    public void Record(TimeSpan window)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Trim(now, window);
            _events.Enqueue(now);
        }
    }

    /// <summary>Events within the window ending now.</summary>
    public int Count(TimeSpan window)
    {
        lock (_gate)
        {
            Trim(time.GetUtcNow(), window);
            return _events.Count;
        }
    }

    /// <summary>Counts one event if fewer than <paramref name="limit"/> are in the window; null when counted, otherwise
    /// how long until the oldest leaves and one more fits.</summary>
    public TimeSpan? TryRecord(int limit, TimeSpan window)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Trim(now, window);
            if (_events.Count >= limit) return _events.Peek() + window - now;
            _events.Enqueue(now);
            return null;
        }
    }

    private void Trim(DateTimeOffset now, TimeSpan window)
    {
        while (_events.Count > 0 && _events.Peek() <= now - window) _events.Dequeue();
    }
}
