using FullscriptPortal.Audit;
using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>One person's connection and its story, for the detail panel: the grid's row, when it started failing, and the
/// audit trail about them (newest first, actors named). Never a token.</summary>
public sealed record PersonDetail(PersonRow Row, DateTimeOffset? FailingSince, int ConsecutiveFailures, IReadOnlyList<AuditRow> Timeline)
{
    /// <summary>The access renewals among the timeline, newest first.</summary>
    public IEnumerable<AuditRow> Refreshes => Timeline.Where(r => r.Entry.Action == AuditActions.Refreshed);
}
