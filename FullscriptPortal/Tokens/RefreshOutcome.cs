namespace FullscriptPortal.Tokens;

/// <summary>What a refresh or check came to: the result, why, and the data a sentence about it needs.</summary>
/// <param name="Result">How it ended, coarsely: what callers branch on.</param>
/// <param name="Code">Why, finely: what the wording is chosen by.</param>
/// <param name="StateReason">For <see cref="RefreshCode.NeedsReconnect"/>: the reason stored on the connection.</param>
/// <param name="NextAttemptAt">For <see cref="RefreshCode.WaitRequested"/>: when the portal tries again.</param>
public sealed record RefreshOutcome(RefreshResult Result, RefreshCode Code, string? StateReason = null, DateTimeOffset? NextAttemptAt = null)
{
    public bool Succeeded => Result is RefreshResult.Refreshed or RefreshResult.NotNeeded;

    public static RefreshOutcome NeedsReconnect(string? stateReason) => new(RefreshResult.NeedsReconnect, RefreshCode.NeedsReconnect, stateReason);
}
