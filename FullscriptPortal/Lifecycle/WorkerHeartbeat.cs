namespace FullscriptPortal.Lifecycle;

/// <summary>When this instance's lifecycle worker last finished a sweep, and whether it holds the worker lease.</summary>
public sealed class WorkerHeartbeat(TimeProvider time)
{
    /// <summary>When this instance started (the heartbeat is made with the host): a worker gets a grace period to sweep.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public DateTimeOffset? LastSweepAt { get; private set; }
    public bool IsActiveWorker { get; private set; }
    public string? LastError { get; private set; }

    public void Beat(DateTimeOffset at, bool active)
    {
        (LastSweepAt, IsActiveWorker, LastError) = (at, active, null);
    }

    public void Failed(DateTimeOffset at, string error) => (LastSweepAt, LastError) = (at, error);
}
