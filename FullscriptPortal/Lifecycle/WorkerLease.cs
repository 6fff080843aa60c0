namespace FullscriptPortal.Lifecycle;

/// <summary>Which portal instance runs a piece of background work, and until when (renewed while it lives).</summary>
public sealed class WorkerLease
{
    public required string Name { get; set; }
    public required string Owner { get; set; }
    public DateTimeOffset Until { get; set; }
}
