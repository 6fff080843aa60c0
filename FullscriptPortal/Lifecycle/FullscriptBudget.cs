using FullscriptPortal.Tokens;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Lifecycle;

/// <summary>Counts this instance's calls to Fullscript over a rolling window, so background work can stay well under
/// Fullscript's 5,000 requests per 5 minutes (fullscript-api.md §6) and leave room for people's own clicks.</summary>
public sealed class FullscriptBudget(IOptionsMonitor<TokenOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _calls = new();

    public void Record()
    {
        lock (_gate)
        {
            Trim(time.GetUtcNow());
            _calls.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Calls made in the current window.</summary>
    public int Used
    {
        get
        {
            lock (_gate)
            {
                Trim(time.GetUtcNow());
                return _calls.Count;
            }
        }
    }

    /// <summary>Calls background work may still make in this window.</summary>
    public int AvailableForBackgroundWork => Math.Max(0, options.CurrentValue.Budget.BackgroundCallsPerWindow - Used);

    private void Trim(DateTimeOffset now)
    {
        var windowStart = now - options.CurrentValue.Budget.Window;
        while (_calls.Count > 0 && _calls.Peek() <= windowStart) _calls.Dequeue();
    }
}

/// <summary>Counts every attempt that leaves for Fullscript, in-call retries included.</summary>
public sealed class FullscriptBudgetHandler(FullscriptBudget budget) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
