namespace FullscriptPortal.People;

/// <summary>One person's result in a bulk run.</summary>
/// <param name="UserId">The person.</param>
/// <param name="Name">Their name, for the summary.</param>
/// <param name="Result">How it ended.</param>
/// <param name="Reason">Why it failed or was skipped, in a few words ("not connected").</param>
/// <param name="InvitePath">For an invite that was made but not e-mailed: the link's path, for the manager to hand on.</param>
public sealed record BulkItemOutcome(string UserId, string Name, BulkResult Result, string? Reason = null, string? InvitePath = null)
{
    /// <summary>Worth running again: failed or never started.</summary>
    public bool Retryable => Result is BulkResult.Failed or BulkResult.NotStarted;
}
