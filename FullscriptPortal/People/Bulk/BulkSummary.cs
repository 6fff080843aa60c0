namespace FullscriptPortal.People;

/// <summary>The words a bulk run ends with and the confirmation it asks first, counted ("6 disconnected, 1 failed:
/// Fullscript not answering, 2 skipped: not connected").</summary>
public static class BulkSummary
{
    public static string Of(BulkAction action, IReadOnlyCollection<BulkItemOutcome> outcomes)
    {
        var done = outcomes.Count(o => o.Result == BulkResult.Done);
        var failed = outcomes.Where(o => o.Result == BulkResult.Failed).ToList();
        var skipped = outcomes.Where(o => o.Result == BulkResult.Skipped).ToList();
        var notStarted = outcomes.Count(o => o.Result == BulkResult.NotStarted);

        List<string> parts = [];
        if (done > 0 || failed.Count > 0 || notStarted > 0) parts.Add($"{done} {action.DoneWord()}");
        if (failed.Count > 0) parts.Add($"{failed.Count} failed: {Reasons(failed)}");
        if (skipped.Count > 0) parts.Add($"{skipped.Count} skipped: {Reasons(skipped)}");
        if (notStarted > 0) parts.Add($"{notStarted} not started (cancelled)");
        var summary = string.Join(", ", parts);
        return done + failed.Count + notStarted == 0 ? $"Nothing to {Verb(action)}: {summary}" : summary;
    }

    /// <summary>"Disconnect 7 people?": the one confirmation a disconnect or revocation of many asks.</summary>
    public static string ConfirmTitle(BulkAction action, int count) => action == BulkAction.Revoke
        ? $"Revoke the Fullscript connections of {People(count)}?"
        : $"{Capitalised(Verb(action))} {People(count)}?";

    public static string ConfirmMessage(BulkAction action, int count) => action switch
    {
        BulkAction.Revoke => $"Their Fullscript access stops now. The portal asks Fullscript to revoke each grant and forgets the tokens; " +
            $"{(count == 1 ? "the person sees" : "each person sees")} the reason and can reconnect.",
        _ => "Their Fullscript access stops now. The portal asks Fullscript to revoke each grant and forgets the tokens.",
    };

    /// <summary>The selected rows the action leaves out, said before it runs; null when none.</summary>
    public static string? SkippedNote(IReadOnlyCollection<BulkItemOutcome> skipped) =>
        skipped.Count == 0 ? null : $"{skipped.Count} of the selected {(skipped.Count == 1 ? "is" : "are")} skipped: {Reasons(skipped)}.";

    public static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    public static string Verb(BulkAction action) => action.ToString().ToLowerInvariant();

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    // One reason as it is; several each with their count: "not connected (2), already disconnected (1)".
    private static string Reasons(IReadOnlyCollection<BulkItemOutcome> outcomes)
    {
        var groups = outcomes.GroupBy(o => o.Reason ?? BulkReasons.Unexpected).OrderByDescending(g => g.Count()).ToList();
        return groups.Count == 1 ? groups[0].Key : string.Join(", ", groups.Select(g => $"{g.Key} ({g.Count()})"));
    }
}
