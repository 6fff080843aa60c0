using System.Collections.Concurrent;

namespace FullscriptPortal.Tokens;

/// <summary>One "Refresh now" per connection at a time in this process: a second request (another tab, the manager's
/// grid) joins the one in flight and gets its outcome, instead of racing it to the same row. Keyed by connection id, as
/// <see cref="RefreshCoordinator"/> is.</summary>
public sealed class ProbeCoordinator
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<RefreshOutcome>>> _inFlight = new();

    public async Task<RefreshOutcome> RunAsync(Guid connectionId, Func<Task<RefreshOutcome>> probe, CancellationToken cancellationToken)
    {
        var shared = _inFlight.GetOrAdd(connectionId, key => new Lazy<Task<RefreshOutcome>>(async () =>
        {
            try
            {
                return await probe();
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        }));
        // A caller that gives up stops waiting; the probe runs on for the others.
        return await shared.Value.WaitAsync(cancellationToken);
    }
}
