namespace FullscriptPortal.Tokens;

/// <summary>The refresh margins (<c>Tokens:ProactiveRefresh:Margin</c> and <c>Jitter</c>, <c>Fullscript:RefreshBeforeExpiry</c>)
/// are set for Fullscript's two-hour access tokens. A token that lives for minutes (the simulator's, shortened to watch
/// expiry) gets them scaled down to a share of its lifetime, so it is renewed near its end instead of on every sweep.</summary>
public static class RefreshMargins
{
    /// <summary>A margin is at most this share of the token's lifetime (20 minutes of a two-hour token).</summary>
    public const int MarginShare = 6;

    /// <summary>A jitter is at most this share of the token's lifetime (10 minutes of a two-hour token).</summary>
    public const int JitterShare = 12;

    /// <summary><paramref name="configured"/>, or a sixth of the lifetime when that is shorter.</summary>
    public static TimeSpan Margin(TimeSpan configured, int lifetimeSeconds) => AtMost(configured, lifetimeSeconds, MarginShare);

    /// <summary><paramref name="configured"/>, or a twelfth of the lifetime when that is shorter.</summary>
    public static TimeSpan Jitter(TimeSpan configured, int lifetimeSeconds) => AtMost(configured, lifetimeSeconds, JitterShare);

    // An unknown lifetime (zero: a row written before lifetimes were kept) leaves the setting as it is.
    private static TimeSpan AtMost(TimeSpan configured, int lifetimeSeconds, int share)
    {
        if (lifetimeSeconds <= 0) return configured;
        var cap = TimeSpan.FromSeconds(lifetimeSeconds) / share;
        return configured < cap ? configured : cap;
    }
}
