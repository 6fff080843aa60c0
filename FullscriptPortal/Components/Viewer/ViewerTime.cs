using System.Globalization;

namespace FullscriptPortal.Components.Viewer;

/// <summary>Formats instants for the person looking at the page: in their browser's time zone and language, as an
/// absolute time or as a relative one ("3 min ago") for lists people scan. One per circuit; <c>Routes</c> hands it what the
/// browser's cookie said, and <see cref="ViewerProbe"/> asks the browser itself when the cookie was not there yet.</summary>
public sealed class ViewerTime(TimeProvider time)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private CultureInfo _culture = CultureInfo.GetCultureInfo("en-US");

    public TimeZoneInfo Zone => _zone;
    public CultureInfo Culture => _culture;
    public bool Known { get; private set; }

    /// <summary>Raised when the zone or language changed, so shown times redraw.</summary>
    public event Action? Changed;

    public void Use(ViewerSettings settings)
    {
        var zone = settings.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        var culture = ViewerSettings.ValidCulture(settings.Culture) is { } name ? CultureInfo.GetCultureInfo(name) : _culture;
        var changed = !zone.Equals(_zone) || !culture.Equals(_culture);
        (_zone, _culture, Known) = (zone, culture, settings.Known);
        if (changed) Changed?.Invoke();
    }

    public DateTimeOffset Now => time.GetUtcNow();

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone);

    /// <summary>Date and time, short ("28.11.2026 23:48"), with the zone's name so nobody wonders which clock it is.</summary>
    public string Absolute(DateTimeOffset at) => $"{Format(at, "g")} {ZoneLabel(at)}";

    /// <summary>Long date and short time ("Saturday, 28 November 2026 23:48"), for a deadline in a sentence.</summary>
    public string LongDate(DateTimeOffset at) => $"{Format(at, "f")} {ZoneLabel(at)}";

    /// <summary>Day and short month in the viewer's order ("5 Dec", "Dec 5", "5. Dez."), for a date people scan in a list;
    /// the short date with its year when it is not this year's.</summary>
    public string DayMonth(DateTimeOffset at)
    {
        if (ToLocal(at).Year != ToLocal(Now).Year) return Format(at, "d");
        return Format(at, _culture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal));
    }

    /// <summary>The time of day alone, for something due within the day.</summary>
    public string TimeOfDay(DateTimeOffset at) => Format(at, "T");

    /// <summary>"just now", "3 min ago", "in 2 h", "5 days ago"; beyond a month, the date.</summary>
    public string Relative(DateTimeOffset at) => Relative(at, Now);

    public string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var future = span > TimeSpan.Zero;
        var length = span.Duration();
        if (length < TimeSpan.FromSeconds(45)) return future ? "in a moment" : "just now";
        string amount;
        if (length < TimeSpan.FromMinutes(59.5)) amount = $"{Number(Math.Max(1, Math.Round(length.TotalMinutes)))} min";
        else if (length < TimeSpan.FromHours(23.5)) amount = $"{Number(Math.Round(length.TotalHours))} h";
        else if (length < TimeSpan.FromDays(30))
        {
            var days = Math.Round(length.TotalDays);
            amount = days == 1 ? "1 day" : $"{Number(days)} days";
        }
        else return Format(at, "d");
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>When <see cref="Relative(DateTimeOffset, DateTimeOffset)"/> of <paramref name="at"/>, read at
    /// <paramref name="now"/>, next reads differently (a millisecond past the step, so rounding has tipped); null when
    /// it shows a date, which stays. A page redraws a relative time then, not every second.</summary>
    public static DateTimeOffset? NextRelativeChange(DateTimeOffset at, DateTimeOffset now)
    {
        var tip = TimeSpan.FromMilliseconds(1);
        // Coming closer, the distance next falls below the largest step not above it (the last step is "now"); going
        // away, it next passes the smallest step not below it. A distance right on a step may already have tipped: then
        // the next redraw comes a millisecond later and changes nothing, which is harmless.
        if (at > now) return at - RelativeSteps.Last(s => s <= at - now) + tip;
        var since = now - at;
        foreach (var step in RelativeSteps)
            if (step > TimeSpan.Zero && step >= since) return at + step + tip;
        return null;
    }

    // Where Relative's words change as a distance grows: 45 s, then each half minute to 59.5 min, each half hour to
    // 23.5 h, each half day to 29.5 days, and 30 days (a date from there on).
    private static readonly TimeSpan[] RelativeSteps =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(45),
        .. Enumerable.Range(1, 59).Select(k => TimeSpan.FromMinutes(k + 0.5)),
        .. Enumerable.Range(1, 23).Select(k => TimeSpan.FromHours(k + 0.5)),
        .. Enumerable.Range(1, 29).Select(k => TimeSpan.FromDays(k + 0.5)),
        TimeSpan.FromDays(30),
    ];

    // UTC or the zone's own abbreviation where .NET has none: the offset says it in every language.
    private string ZoneLabel(DateTimeOffset at)
    {
        if (_zone.Equals(TimeZoneInfo.Utc)) return "UTC";
        var offset = _zone.GetUtcOffset(at);
        return offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():h\\:mm}".Replace(":00", "", StringComparison.Ordinal);
    }

    // ICU puts a narrow no-break space before AM/PM; a plain space reads the same and survives copy and paste.
    private string Format(DateTimeOffset at, string format) => ToLocal(at).ToString(format, _culture).Replace('\u202F', ' ');

    private string Number(double value) => value.ToString("0", _culture);
}
