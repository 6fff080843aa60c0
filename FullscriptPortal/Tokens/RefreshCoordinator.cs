using System.Collections.Concurrent;

namespace FullscriptPortal.Tokens;

/// <summary>One refresh per connection at a time in this process: concurrent callers share the refresh in flight, keyed
/// by connection id (keying by token value mixes connections up when two hold the same token, DuendeSoftware/foss#360).</summary>
public sealed class RefreshCoordinator
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<RefreshRun>>> _inFlight = new();

    public async Task<RefreshRun> RunAsync(Guid connectionId, Func<Task<RefreshRun>> refresh, CancellationToken cancellationToken)
    {
        var shared = _inFlight.GetOrAdd(connectionId, key => new Lazy<Task<RefreshRun>>(async () =>
        {
            try
            {
                return await refresh();
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        }));
        // A caller that gives up stops waiting; the refresh itself runs on for the others and for the stored pair.
        return await shared.Value.WaitAsync(cancellationToken);
    }
}
