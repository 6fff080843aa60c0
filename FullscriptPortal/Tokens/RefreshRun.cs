namespace FullscriptPortal.Tokens;

/// <summary>What one refresh produced: the outcome for everyone, and the new access token for the callers that shared it,
/// so they need not read it back. Only ever in memory, after the pair is stored; never printed.</summary>
public sealed record RefreshRun(RefreshOutcome Outcome, string? AccessToken = null)
{
    public override string ToString() => $"RefreshRun {{ Outcome = {Outcome} }}";
}
