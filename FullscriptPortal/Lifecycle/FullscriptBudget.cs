using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Lifecycle;

/// <summary>Counts the deployment's calls to Fullscript over a rolling window, so background work can stay well under
/// Fullscript's 5,000 requests per 5 minutes per app (fullscript-api.md §6) and leave room for people's own clicks,
/// however many instances share the work. This instance's calls count at once, in memory; they reach the shared ledger
/// in the background, batched per second (the hot path never waits for the database), and the other instances' calls
/// are read from it by <see cref="RefreshAsync"/>, which the sweep calls before it spends.</summary>
public sealed partial class FullscriptBudget(IOptionsMonitor<TokenOptions> options, TimeProvider time, IFullscriptCallLedger ledger, ILogger<FullscriptBudget> logger)
{
    private readonly RollingWindowCounter _calls = new(time);
    private readonly Lock _gate = new();
    private readonly Dictionary<long, int> _unsaved = [];
    private Task _saving = Task.CompletedTask;
    private bool _savingRuns;
    private (int Calls, DateTimeOffset At) _others;

    private TimeSpan Window => options.CurrentValue.Budget.Window;

    public void Record()
    {
        _calls.Record(Window);
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            _unsaved[second] = _unsaved.GetValueOrDefault(second) + 1;
            if (_savingRuns) return;
            _savingRuns = true;
            _saving = Task.Run(SaveAsync);
        }
    }

    /// <summary>Waits until every call recorded so far is in the ledger.</summary>
    public Task FlushAsync()
    {
        lock (_gate) return _saving;
    }

    /// <summary>Reads the other instances' calls of the current window from the ledger.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var others = await ledger.OthersSinceAsync(now - Window, cancellationToken);
        lock (_gate) _others = (others, now);
    }

    /// <summary>Calls made in the current window: this instance's, and the others' as last read (forgotten once a whole
    /// window old).</summary>
    public int Used
    {
        get
        {
            var mine = _calls.Count(Window);
            lock (_gate) return mine + (_others.At > time.GetUtcNow() - Window ? _others.Calls : 0);
        }
    }

    /// <summary>Calls background work may still make in this window.</summary>
    public int AvailableForBackgroundWork => Math.Max(0, options.CurrentValue.Budget.BackgroundCallsPerWindow - Used);

    private async Task SaveAsync()
    {
        while (true)
        {
            KeyValuePair<long, int>[] batch;
            lock (_gate)
            {
                if (_unsaved.Count == 0)
                {
                    _savingRuns = false;
                    return;
                }
                batch = [.. _unsaved];
                _unsaved.Clear();
            }
            try
            {
                await ledger.AddAsync(batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                // Only the other instances' view of this one is late; its own count above stays exact.
                LogNotSaved(logger, batch.Sum(b => b.Value), e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Calls} calls to Fullscript could not be added to the shared budget")]
    private static partial void LogNotSaved(ILogger logger, int calls, Exception exception);
}
