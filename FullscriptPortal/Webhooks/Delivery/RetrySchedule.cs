namespace FullscriptPortal.Webhooks;

/// <summary>When to try again after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then give up (seven attempts
/// over about 17½ hours).</summary>
public static class RetrySchedule
{
    public static IReadOnlyList<TimeSpan> Delays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait after the <paramref name="attempts"/>th failed attempt, or null when that was the last one.</summary>
    public static TimeSpan? After(int attempts) => attempts >= 1 && attempts <= Delays.Count ? Delays[attempts - 1] : null;
}
