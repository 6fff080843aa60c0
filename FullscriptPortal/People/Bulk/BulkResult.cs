namespace FullscriptPortal.People;

/// <summary>How one person's item of a bulk run ended.</summary>
public enum BulkResult
{
    Done,

    /// <summary>Tried and did not work (Fullscript not answering, say): worth trying again, so the row stays selected.</summary>
    Failed,

    /// <summary>Not tried: the action does not apply to this row (not connected, already disconnected, not the viewer's).</summary>
    Skipped,

    /// <summary>Cancelled before it started: the row stays selected to run again.</summary>
    NotStarted,
}
