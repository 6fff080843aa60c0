namespace FullscriptPortal.Audit;

/// <summary>What support narrows the trail to: a person, an event, an exact outcome, a Fullscript request id, and a time
/// range (<see cref="From"/> included, <see cref="To"/> excluded).</summary>
public sealed record AuditFilter(string? Person = null, string? Action = null, string? Outcome = null, string? RequestId = null,
    int Page = 0, int PageSize = 50, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public const int MaxTextLength = 100;
}
