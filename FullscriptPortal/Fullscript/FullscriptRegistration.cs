using FullscriptPortal.Simulator;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Fullscript;

public static class FullscriptRegistration
{
    public static WebApplicationBuilder AddFullscript(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FullscriptOptions>()
            .BindConfiguration(FullscriptOptions.Section)
            .PostConfigure<IOptions<SimulatorOptions>>((fullscript, simulator) =>
            {
                // Against the embedded simulator the app's credentials are the simulator's, so no setting is needed.
                if (!fullscript.Servers.TryGetValue(FullscriptServerKeys.Simulator, out var own))
                    fullscript.Servers[FullscriptServerKeys.Simulator] = own = new FullscriptServerOverride();
                if (string.IsNullOrWhiteSpace(own.ClientId)) own.ClientId = simulator.Value.ClientId;
                if (string.IsNullOrWhiteSpace(own.ClientSecret)) own.ClientSecret = simulator.Value.ClientSecret;
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FullscriptOptions>, FullscriptOptionsValidator>();
        builder.Services.AddSingleton<FullscriptServerDirectory>();
        builder.Services.AddSingleton<FullscriptMetrics>();
        builder.Services.AddHttpClient<FullscriptClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddFullscriptResilience();
        return builder;
    }
}
