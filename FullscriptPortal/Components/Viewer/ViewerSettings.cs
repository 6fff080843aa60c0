using System.Globalization;

namespace FullscriptPortal.Components.Viewer;

/// <summary>What the viewer's browser told the portal about itself: its IANA time zone, its language and the theme it
/// chose. Read from the <see cref="CookieName"/> and <see cref="ThemeCookieName"/> cookies that <c>wwwroot/viewer.js</c>
/// writes, so even a prerendered or static page shows the viewer's own times and theme on its first paint.</summary>
/// <param name="TimeZone">An IANA zone id, e.g. Europe/Berlin; null when the browser has not said.</param>
/// <param name="Culture">A culture name, e.g. de-DE; null when the browser has not said.</param>
/// <param name="DarkMode">Whether the viewer chose the dark theme; null when they never chose.</param>
public sealed record ViewerSettings(string? TimeZone = null, string? Culture = null, bool? DarkMode = null)
{
    public const string CookieName = "portal-viewer";
    public const string ThemeCookieName = "portal-theme";
    private const int MaxLength = 100;

    /// <summary>Whether the browser has told the portal its zone (the first page of a first visit has not yet).</summary>
    public bool Known => TimeZone is not null;

    /// <summary>Reads the cookies; anything unknown, oversized or malformed is dropped, never thrown.</summary>
    public static ViewerSettings From(string? viewerCookie, string? themeCookie)
    {
        string? zone = null, culture = null;
        if (viewerCookie is { Length: > 0 and <= MaxLength })
        {
            var parts = Uri.UnescapeDataString(viewerCookie).Split('|');
            zone = parts.Length > 0 ? ValidZone(parts[0]) : null;
            culture = parts.Length > 1 ? ValidCulture(parts[1]) : null;
        }
        return new(zone, culture, themeCookie switch { "dark" => true, "light" => false, _ => null });
    }

    public static string? ValidZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
    }

    public static string? ValidCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength) return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
