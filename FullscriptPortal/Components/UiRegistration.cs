using FullscriptPortal.Components.Circuits;
using FullscriptPortal.Components.Shared;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;

namespace FullscriptPortal.Components;

public static class UiRegistration
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(circuit =>
            {
                // Exception details reach the browser only on a developer's machine.
                circuit.DetailedErrors = builder.Environment.IsDevelopment();
                circuit.DisconnectedCircuitMaxRetained = CircuitLimits.DisconnectedCircuitMaxRetained;
                circuit.DisconnectedCircuitRetentionPeriod = CircuitLimits.DisconnectedCircuitRetentionPeriod;
                circuit.JSInteropDefaultCallTimeout = CircuitLimits.JSInteropDefaultCallTimeout;
                circuit.MaxBufferedUnacknowledgedRenderBatches = CircuitLimits.MaxBufferedUnacknowledgedRenderBatches;
            })
            .AddHubOptions(hub =>
            {
                hub.MaximumReceiveMessageSize = CircuitLimits.MaximumReceiveMessageSize;
                hub.EnableDetailedErrors = builder.Environment.IsDevelopment();
            });
        builder.Services.AddOptions<CircuitLimits>().BindConfiguration(CircuitLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CircuitsPerUser>();
        builder.Services.AddScoped<CircuitHandler, CircuitCap>();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<CircuitClock>();
        builder.Services.AddScoped<Viewer.ViewerTime>();
        builder.Services.AddScoped<Preferences.PreferencesStore>();
        return builder;
    }
}
