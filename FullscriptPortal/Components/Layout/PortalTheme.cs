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
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
