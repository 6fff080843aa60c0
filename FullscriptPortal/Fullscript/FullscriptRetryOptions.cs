namespace FullscriptPortal.Fullscript;

public sealed class FullscriptRetryOptions
{
    /// <summary>Attempts per call, the first included; 1 turns in-call retries off.</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
