using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Lifecycle;

/// <summary>Counts this instance's calls to Fullscript over a rolling window, so background work can stay well under
/// Fullscript's 5,000 requests per 5 minutes (fullscript-api.md §6) and leave room for people's own clicks.</summary>
public sealed class FullscriptBudget(IOptionsMonitor<TokenOptions> options, TimeProvider time)
{
    private readonly RollingWindowCounter _calls = new(time);

    public void Record() => _calls.Record(options.CurrentValue.Budget.Window);

    /// <summary>Calls made in the current window.</summary>
    public int Used => _calls.Count(options.CurrentValue.Budget.Window);

    /// <summary>Calls background work may still make in this window.</summary>
    public int AvailableForBackgroundWork => Math.Max(0, options.CurrentValue.Budget.BackgroundCallsPerWindow - Used);
}
