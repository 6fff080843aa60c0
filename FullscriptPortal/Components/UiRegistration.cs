using FullscriptPortal.Components.Shared;
using MudBlazor.Services;

namespace FullscriptPortal.Components;

public static class UiRegistration
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<CircuitClock>();
        builder.Services.AddScoped<Preferences.PreferencesStore>();
        return builder;
    }
}
