using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Simulator;

public static class SimulatorRegistration
{
    /// <summary>Registers the simulator's services always (they are inert); its endpoints are mapped only when
    /// <c>Fullscript:Server</c> is <c>simulator</c>.</summary>
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section);
        builder.Services.AddDbContext<SimulatorDbContext>((services, options) =>
        {
            var simulator = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value;
            options.UseSqlite(SqliteDatabase.ConnectionString(services.GetRequiredService<IHostEnvironment>().ContentRootPath, simulator.DatabasePath));
        });
        builder.Services.AddScoped<SimulatedFullscript>();
        builder.Services.AddSingleton<SimulatorFaults>();
        builder.Services.AddSingleton<SimulatorRateLimiter>();
        return builder;
    }
}
