using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Simulator;

public static class SimulatorRegistration
{
    /// <summary>Registers the simulator's services always (they are inert); its endpoints are mapped only when
    /// <c>Fullscript:Server</c> is <c>simulator</c>.</summary>
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddOptions<FullscriptOptions>().PostConfigure<IOptions<SimulatorOptions>>((fullscript, simulator) =>
        {
            // Against the embedded simulator the app's credentials are the simulator's, so no setting is needed.
            if (!fullscript.Servers.TryGetValue(FullscriptServerKeys.Simulator, out var own))
                fullscript.Servers[FullscriptServerKeys.Simulator] = own = new FullscriptServerOverride();
            if (string.IsNullOrWhiteSpace(own.ClientId)) own.ClientId = simulator.Value.ClientId;
            if (string.IsNullOrWhiteSpace(own.ClientSecret)) own.ClientSecret = simulator.Value.ClientSecret;
        });
        builder.Services.AddHostedService<SimulatorInitializer>();
        builder.Services.AddDbContext<SimulatorDbContext>((services, options) =>
        {
            var simulator = services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            options.UseSqlite(SqliteDatabase.ConnectionString(services.GetRequiredService<IHostEnvironment>().ContentRootPath, simulator.DatabasePath))
                .AddInterceptors(SqliteConnectionSetup.WaitOnly);
        });
        builder.Services.AddScoped<SimulatedFullscript>();
        builder.Services.AddSingleton<SimulatorFaults>();
        builder.Services.AddSingleton<SimulatorRateLimiter>();
        return builder;
    }

    /// <summary>Mapped when new connections go to the simulator, or when <c>Simulator:Enabled</c> keeps it running for
    /// connections it issued earlier (a connection always goes back to the server that issued it).</summary>
    public static bool IsEnabled(IServiceProvider services) => IsEnabled(services.GetRequiredService<IConfiguration>());

    /// <summary>The same rule read from configuration alone (the simulator's own validation cannot wait for the Fullscript
    /// options, which are post-configured from the simulator's).</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        FullscriptServerKeys.IsSimulator(configuration[$"{FullscriptOptions.Section}:{nameof(FullscriptOptions.Server)}"] ?? new FullscriptOptions().Server)
        || configuration.GetValue<bool>($"{SimulatorOptions.Section}:{nameof(SimulatorOptions.Enabled)}");
}
