namespace FullscriptPortal.Tokens;

/// <summary>The <c>Tokens</c> section: how the portal keeps connections alive.</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>First wait after a transient refresh failure; it doubles with each further failure, up to the maximum.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an instance may hold a connection's refresh before others may take over.</summary>
    public TimeSpan RefreshLease { get; set; } = TimeSpan.FromSeconds(30);

    public bool WorkerEnabled { get; set; } = true;

    /// <summary>A code the dashboard has not exchanged after this long is exchanged by the worker (the browser went away).</summary>
    public TimeSpan AbandonedExchangeAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the lifecycle worker looks for work (abandoned exchanges, pending disconnects, due retries).</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After transient failures for this long in a row, a connection needs reconnecting (with the reason).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    public ProactiveRefreshOptions ProactiveRefresh { get; set; } = new();

    public ProbeOptions Probe { get; set; } = new();

    public BudgetOptions Budget { get; set; } = new();

    /// <summary>The wait before the <paramref name="failures"/>th retry: exponential, capped, with ±20% jitter so a fleet
    /// of failing connections does not retry in step.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var exponential = RetryBaseDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        var capped = exponential < RetryMaxDelay ? exponential : RetryMaxDelay;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }
}

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

/// <summary><c>Tokens:Probe</c>: prove idle connections with <c>GET /clinic</c>, to notice revocations made inside Fullscript.</summary>
public sealed class ProbeOptions
{
    public bool Enabled { get; set; }
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    public int MaxPerSweep { get; set; } = 100;
}

/// <summary><c>Tokens:Budget</c>: how much of Fullscript's rate limit background work may use.</summary>
public sealed class BudgetOptions
{
    /// <summary>Half of Fullscript's documented 5,000 per 5 minutes: the rest is for people's clicks and other instances.</summary>
    public int BackgroundCallsPerWindow { get; set; } = 2500;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
