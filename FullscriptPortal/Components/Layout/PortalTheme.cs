using MudBlazor;

namespace FullscriptPortal.Components.Layout;

/// <summary>Fullscript's brand colours (fullscript-api.md §9) as a MudBlazor theme, light and dark.</summary>
public static class PortalTheme
{
    public const string Green = "#88B04B";
    public const string Coal = "#2E3A47";
    public const string Forest = "#1B533F";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Forest,
            Secondary = Green,
            // Coal on brand green reads at 4.7:1; white on it would not pass WCAG AA.
            SecondaryContrastText = Coal,
            Tertiary = Coal,
            AppbarBackground = Coal,
            AppbarText = "#FFFFFF",
            Background = "#F5F7F2",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1F2933",
            // Darker than the brand green so success text stays readable (WCAG AA) on white.
            Success = "#3D6B1F",
            // MudBlazor's default red reads at 3.7:1 on white; this one passes WCAG AA for small error text and buttons.
            Error = "#C62828",
            // MudBlazor's orange and blue carry white text at 2.2:1 and 3.1:1; these reach AA as chips and as text.
            Warning = "#A75A00",
            Info = "#1565C0",
            // "Dark" marks a deliberate stop (revoked by support): indigo, not a green that reads as fine; white on it is 10:1.
            Dark = "#4527A0",
            DarkContrastText = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = Green,
            Secondary = "#A9C97A",
            SecondaryContrastText = Coal,
            PrimaryContrastText = Coal,
            Tertiary = "#C5CED8",
            AppbarBackground = "#1E2730",
            Background = "#151B21",
            Surface = "#1E2730",
            DrawerBackground = "#1A2229",
            Success = Green,
            // On the dark surfaces the colours are light, so the text on a filled chip or button is dark (WCAG AA either way).
            SuccessContrastText = Coal,
            Error = "#FF8A80",
            ErrorContrastText = "#1F2933",
            Warning = "#FFB74D",
            WarningContrastText = "#1F2933",
            Info = "#64B5F6",
            InfoContrastText = "#1F2933",
            // The same stop as a light indigo with dark text (6.2:1).
            Dark = "#B39DDB",
            DarkContrastText = "#1F2933",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
