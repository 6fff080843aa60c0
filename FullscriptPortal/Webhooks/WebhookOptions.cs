namespace FullscriptPortal.Webhooks;

/// <summary>The <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The delivery worker runs only when this and <c>Tokens:WorkerEnabled</c> are both on.</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An endpoint whose deliveries have all failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>At most this many attempts per pass, so one pass never runs for long.</summary>
    public int MaxAttemptsPerPass { get; set; } = 200;

    /// <summary>Deliveries to different endpoints at once.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
