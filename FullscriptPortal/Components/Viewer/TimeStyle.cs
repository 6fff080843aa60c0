namespace FullscriptPortal.Components.Viewer;

/// <summary>How <see cref="LocalTime"/> writes an instant.</summary>
public enum TimeStyle
{
    /// <summary>Date and short time, with the zone.</summary>
    Absolute,

    /// <summary>"3 min ago" or "in 2 h"; the absolute time is in the tooltip.</summary>
    Relative,

    /// <summary>Long date and short time, for a deadline in a sentence.</summary>
    LongDate,

    /// <summary>Day and short month ("5 Dec"); the exact time is in the tooltip.</summary>
    DayMonth,
}
