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

    /// <summary>The callback request starts the code exchange itself (in the background), so it overlaps the dashboard's
    /// load; off, the dashboard's circuit starts it once it is up. Either way the circuit shows the outcome.</summary>
    public bool ExchangeOnCallback { get; set; } = true;

    /// <summary>How long the callback waits for the exchange it started before sending the browser on: Fullscript usually
    /// answers within it, so the dashboard's first HTML already shows the connection; a slower answer reaches the page
    /// through its circuit ("Finishing the Fullscript connection…" until then). Zero never waits.</summary>
    public TimeSpan CallbackWait { get; set; } = TimeSpan.FromSeconds(2);

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
