using MudBlazor;

namespace FullscriptPortal.Components.Shared;

/// <summary>MudBlazor's own names for its colours in class names (<c>mud-chip-color-success</c>, <c>mud-success-text</c>),
/// for markup that looks like a MudBlazor component without being one.</summary>
public static class MudColorNames
{
    public static string For(Color color) => color switch
    {
        Color.Primary => "primary",
        Color.Secondary => "secondary",
        Color.Tertiary => "tertiary",
        Color.Info => "info",
        Color.Success => "success",
        Color.Warning => "warning",
        Color.Error => "error",
        Color.Dark => "dark",
        _ => "default",
    };
}
