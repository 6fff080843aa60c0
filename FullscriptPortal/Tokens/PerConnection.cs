using System.Collections.Concurrent;

namespace FullscriptPortal.Tokens;

/// <summary>One run per connection at a time in this process: a caller that arrives while a run is in flight (another
/// tab, the worker, the backend) joins it and gets its result instead of racing it to the same row. One instance per kind
/// of run (refresh, probe). Keyed by connection id: keying by token value mixes connections up when two hold the same
/// token (DuendeSoftware/foss#360).</summary>
public sealed class PerConnection<TResult>
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<TResult>>> _inFlight = new();

    public async Task<TResult> RunAsync(Guid connectionId, Func<Task<TResult>> run, CancellationToken cancellationToken)
    {
        var shared = _inFlight.GetOrAdd(connectionId, key => new Lazy<Task<TResult>>(async () =>
        {
            try
            {
                return await run();
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        }));
        // A caller that gives up stops waiting; the run goes on for the others (and, for a refresh, for the stored pair).
        return await shared.Value.WaitAsync(cancellationToken);
    }
}
