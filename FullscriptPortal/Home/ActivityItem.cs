namespace FullscriptPortal.Home;

/// <summary>One line of a person's activity feed: what happened, who did it, and when; a run of routine entries folded
/// into one line counts them (<see cref="Count"/>) from <see cref="Since"/> to <see cref="At"/>.</summary>
/// <param name="Text">What happened, in words.</param>
/// <param name="Who">Who acted: "you", "your manager Pat Lee", "support", "the portal automatically"...</param>
/// <param name="At">When (the newest entry of a folded run).</param>
/// <param name="Since">When the oldest entry of a folded run happened; <see cref="At"/> for a single entry.</param>
/// <param name="Count">How many audit entries the line stands for.</param>
/// <param name="Tone">How it reads: fine, a neutral end (a disconnect), or a warning (a failure or a revocation).</param>
/// <param name="FoldKey">Entries with the same key, one after another, fold together; null for entries that never fold.</param>
public sealed record ActivityItem(string Text, string Who, DateTimeOffset At, DateTimeOffset Since, int Count, ActivityTone Tone, string? FoldKey = null)
{
    /// <summary>Whether it went wrong (or support stopped it).</summary>
    public bool IsProblem => Tone == ActivityTone.Warning;
}
