namespace FullscriptPortal.Lifecycle;

/// <summary>When this instance's lifecycle worker last finished a sweep, and whether it holds the worker lease.</summary>
public sealed class WorkerHeartbeat
{
    public DateTimeOffset? LastSweepAt { get; private set; }
    public bool IsActiveWorker { get; private set; }
    public string? LastError { get; private set; }

    public void Beat(DateTimeOffset at, bool active)
    {
        (LastSweepAt, IsActiveWorker, LastError) = (at, active, null);
    }

    public void Failed(DateTimeOffset at, string error) => (LastSweepAt, LastError) = (at, error);
}
