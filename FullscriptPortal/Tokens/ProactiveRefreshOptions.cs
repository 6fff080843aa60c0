namespace FullscriptPortal.Tokens;

/// <summary><c>Tokens:ProactiveRefresh</c>: refresh ahead of need, so a person never waits on Fullscript.</summary>
public sealed class ProactiveRefreshOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Refresh connections whose access token expires within this margin (plus each one's jitter).</summary>
    public TimeSpan Margin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Spreads refreshes: each connection gets a fixed extra margin between zero and this, from its id.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrency { get; set; } = 4;

    /// <summary>At most this many refreshes per sweep, whatever the budget says.</summary>
    public int MaxPerSweep { get; set; } = 500;
}
