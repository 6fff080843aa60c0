namespace FullscriptPortal.Lifecycle;

/// <summary>When this instance's lifecycle worker last finished a sweep, and whether it holds the worker lease.</summary>
public sealed class WorkerHeartbeat(TimeProvider time)
{
    private DateTimeOffset? _watchedSince;

    /// <summary>When health was first asked about the worker: its grace period to make a first sweep starts then, after
    /// start-up work (migrations, key ring) that can take longer than a few sweep intervals.</summary>
    public DateTimeOffset WatchedSince => _watchedSince ??= time.GetUtcNow();

    public DateTimeOffset? LastSweepAt { get; private set; }
    public bool IsActiveWorker { get; private set; }
    public string? LastError { get; private set; }

    public void Beat(DateTimeOffset at, bool active)
    {
        (LastSweepAt, IsActiveWorker, LastError) = (at, active, null);
    }

    public void Failed(DateTimeOffset at, string error) => (LastSweepAt, LastError) = (at, error);
}
