namespace FullscriptPortal.Tokens;

/// <summary>The refresh lease: across instances, one at a time calls Fullscript for a connection.</summary>
public static class RefreshLease
{
    /// <summary>True while another instance holds a lease that has not run out, so this one waits for what it stores; a
    /// lease that has run out (its holder died or hangs) is free for anyone.</summary>
    public static bool IsHeldByAnother(DateTimeOffset? leaseUntil, string? leaseOwner, string instanceId, DateTimeOffset now) =>
        leaseUntil > now && leaseOwner != instanceId;
}
