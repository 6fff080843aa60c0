using FullscriptPortal.Data;

namespace FullscriptPortal.Connections;

public static class ConnectionsRegistration
{
    /// <summary>The connection itself: its version on every write, and the queries pages read it through.</summary>
    public static WebApplicationBuilder AddConnections(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(ConnectionVersioning.Instance));
        builder.Services.AddScoped<ConnectionDirectory>();
        builder.Services.AddSingleton<CompiledPeoplePages>();
        return builder;
    }
}
