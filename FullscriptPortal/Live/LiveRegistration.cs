using FullscriptPortal.Data;

namespace FullscriptPortal.Live;

public static class LiveRegistration
{
    /// <summary>Every saved connection change reaches the open dashboards that show it, in this process and (on
    /// PostgreSQL, through LISTEN/NOTIFY) in every other instance.</summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectionNotifier>();
        builder.Services.AddSingleton<CrossInstanceBroadcast>();
        builder.Services.AddSingleton<ConnectionChangePublisher>();
        builder.Services.ConfigureDbContext<PortalDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<ConnectionChangePublisher>()));
        builder.Services.AddSingleton<CrossInstanceListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CrossInstanceListener>());
        return builder;
    }
}
