using FullscriptPortal.Data;

namespace FullscriptPortal.Live;

public static class LiveRegistration
{
    /// <summary>Every saved connection change reaches the open dashboards that show it.</summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectionNotifier>();
        builder.Services.AddSingleton<ConnectionChangePublisher>();
        builder.Services.ConfigureDbContext<PortalDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<ConnectionChangePublisher>()));
        return builder;
    }
}
