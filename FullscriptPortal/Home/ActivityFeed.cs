using FullscriptPortal.Api;
using FullscriptPortal.Audit;
using FullscriptPortal.Connections;

namespace FullscriptPortal.Home;

/// <summary>A person's audit entries as a feed they can read: routine renewals and checks that follow one another fold
/// into one line ("Access renewed 12 times in the last hour"), and every line says who acted.</summary>
public static class ActivityFeed
{
    /// <summary>Folds <paramref name="newestFirst"/> into at most <paramref name="take"/> lines.</summary>
    public static IReadOnlyList<ActivityItem> Fold(IEnumerable<AuditEntry> newestFirst, string viewerUserId,
        IReadOnlyDictionary<string, ActorInfo> actors, DateTimeOffset now, int take)
    {
        var lines = new List<ActivityItem>();
        foreach (var entry in newestFirst)
        {
            var who = Who(entry.ActorUserId, viewerUserId, actors);
            var key = IsRoutine(entry) ? $"{entry.Action}|{entry.Outcome}|{entry.ActorUserId}" : null;
            if (key is not null && lines.Count > 0 && lines[^1].FoldKey == key)
            {
                var run = lines[^1];
                lines[^1] = run with { Since = entry.At, Count = run.Count + 1 };
                continue;
            }
            if (lines.Count == take) break;
            lines.Add(new ActivityItem(AuditText.Describe(entry), who, entry.At, entry.At, 1, ToneOf(entry, actors), key));
        }
        return [.. lines.Select(line => line.Count > 1 ? line with { Text = Folded(line, now) } : line)];
    }

    /// <summary>Who acted, as the person reading their own feed would say it.</summary>
    public static string Who(string actorUserId, string viewerUserId, IReadOnlyDictionary<string, ActorInfo> actors) => actorUserId switch
    {
        _ when actorUserId == viewerUserId => "you",
        AuditActions.System => "the portal automatically",
        _ when actorUserId.StartsWith(ApiActor.Of(""), StringComparison.Ordinal) => "your practice's software",
        _ when actors.TryGetValue(actorUserId, out var actor) => actor switch
        {
            { IsSupport: true } => "support",
            { IsClinicManager: true } => $"your manager {actor.Name}",
            _ => actor.Name,
        },
        _ => "someone else",
    };

    private static bool IsRoutine(AuditEntry entry) =>
        (entry.Action, entry.Outcome) is (AuditActions.Refreshed, "refreshed") or (AuditActions.Probed, "ok");

    /// <summary>A disconnect is a deliberate, neutral end; one support made is a revocation and, like a failure, a warning.</summary>
    public static ActivityTone ToneOf(AuditEntry entry, IReadOnlyDictionary<string, ActorInfo> actors) => entry switch
    {
        _ when IsProblem(entry.Outcome) => ActivityTone.Warning,
        { Action: AuditActions.Disconnect } when RevokedBySupport(entry, actors) => ActivityTone.Warning,
        { Action: AuditActions.Disconnect } => ActivityTone.Neutral,
        _ => ActivityTone.Fine,
    };

    // The disconnect's detail ends with the stored reason ("Active → Revoked; revoked by support (…): …"); the actor tells too.
    private static bool RevokedBySupport(AuditEntry entry, IReadOnlyDictionary<string, ActorInfo> actors) =>
        (actors.TryGetValue(entry.ActorUserId, out var actor) && actor.IsSupport)
        || (entry.Detail is { } detail && detail.IndexOf("; ", StringComparison.Ordinal) is var at and >= 0
            && StateReasons.MeansRevokedBySupport(detail[(at + 2)..]));

    private static bool IsProblem(string outcome) =>
        outcome is "failed" or "rejected" or "transient-failure" or "refused" or "pending" or "gave-up" or "missing-scope";

    private static string Folded(ActivityItem run, DateTimeOffset now)
    {
        var what = run.FoldKey!.StartsWith(AuditActions.Probed, StringComparison.Ordinal) ? "Connection checked" : "Access renewed";
        return $"{what} {run.Count} times {Period(run.Since, run.At, now)}";
    }

    private static string Period(DateTimeOffset since, DateTimeOffset until, DateTimeOffset now)
    {
        if (now - since <= TimeSpan.FromHours(1)) return "in the last hour";
        var span = until - since;
        return span.TotalDays >= 2 ? $"over {span.TotalDays:0} days"
            : span.TotalHours >= 2 ? $"over {span.TotalHours:0} hours"
            : $"over {Math.Max(1, span.TotalMinutes):0} minutes";
    }
}
