using System.Collections.Concurrent;

namespace FullscriptPortal.Connect;

/// <summary>Code exchanges the callback request starts itself, as soon as it has stored the code, so Fullscript's answer
/// is on its way while the browser loads the dashboard; the dashboard's circuit then takes the outcome from here and
/// shows it. Who spends a code is still decided by <see cref="CodeExchanger"/>'s single-exchange claim: this, a circuit,
/// or the worker when both went away. One per instance.</summary>
public sealed partial class CallbackExchanges(IServiceScopeFactory scopes, TimeProvider time, ILogger<CallbackExchanges> logger)
{
    private readonly ConcurrentDictionary<Guid, Started> _started = new();

    /// <summary>An exchange begun for the browser of <see cref="StartedBy"/>, and when.</summary>
    private sealed record Started(string StartedBy, DateTimeOffset At, Task<ExchangeOutcome?> Outcome);

    /// <summary>Begins exchanging <paramref name="pendingId"/>'s code; the task completes when the exchange came to
    /// something (never faulted), for a caller that may wait a little.</summary>
    public Task Start(Guid pendingId, string startedByUserId)
    {
        var now = time.GetUtcNow();
        // An outcome nobody came for (the browser went away) is forgotten once its code would have lapsed anyway.
        foreach (var (id, stale) in _started)
            if (stale.At + PendingAuthorization.Lifetime < now) _started.TryRemove(id, out _);
        var outcome = Task.Run(() => ExchangeAsync(pendingId, startedByUserId));
        _started[pendingId] = new(startedByUserId, now, outcome);
        return outcome;
    }

    /// <summary>The newest exchange started for <paramref name="userId"/>'s browser, taken so only one page shows it;
    /// null when there is none on this instance.</summary>
    public (Guid PendingId, Task<ExchangeOutcome?> Outcome)? Take(string userId)
    {
        var newest = _started.Where(s => s.Value.StartedBy == userId).OrderByDescending(s => s.Value.At).Select(s => (KeyValuePair<Guid, Started>?)s).FirstOrDefault();
        return newest is { } found && _started.TryRemove(found.Key, out var started) ? (found.Key, started.Outcome) : null;
    }

    private async Task<ExchangeOutcome?> ExchangeAsync(Guid pendingId, string actorUserId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Not the request's token: the browser's next request must not cancel an exchange Fullscript may already have made.
            return await scope.ServiceProvider.GetRequiredService<CodeExchanger>().ExchangeAsync(pendingId, actorUserId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The dashboard's circuit (or the worker) tries again where the claim allows it.
            LogExchangeFailed(ex, pendingId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The code exchange started by the callback of pending authorization {PendingId} failed")]
    private partial void LogExchangeFailed(Exception exception, Guid pendingId);
}
