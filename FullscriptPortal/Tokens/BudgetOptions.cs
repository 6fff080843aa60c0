namespace FullscriptPortal.Tokens;

/// <summary><c>Tokens:Budget</c>: how much of Fullscript's rate limit background work may use.</summary>
public sealed class BudgetOptions
{
    /// <summary>Half of Fullscript's documented 5,000 per 5 minutes: the rest is for people's clicks and other instances.</summary>
    public int BackgroundCallsPerWindow { get; set; } = 2500;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
