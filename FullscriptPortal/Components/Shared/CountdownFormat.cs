namespace FullscriptPortal.Components.Shared;

/// <summary>How every countdown reads: whole seconds rounded up, as <c>h:mm:ss</c> from an hour, <c>m:ss</c> below, and
/// "Expired" at zero. <c>wwwroot/countdown.js</c> (the grid's countdowns, ticking in the browser) writes the same; a test
/// runs both on one table.</summary>
public static class CountdownFormat
{
    public const string Expired = "Expired";

    public static string Format(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero) return Expired;
        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds % 3600 / 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
