using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

public static class DataRegistration
{
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        // Options are read when the first context is made, so configuration added by a host or a test applies.
        builder.Services.AddDbContextFactory<PortalDbContext>((services, options) =>
        {
            var path = services.GetRequiredService<IConfiguration>()["Database:Path"] ?? "App_Data/portal.db";
            options.UseSqlite(SqliteDatabase.ConnectionString(services.GetRequiredService<IHostEnvironment>().ContentRootPath, path));
        });
        builder.Services.AddHostedService<DatabaseInitializer>();

        // Tokens are encrypted with keys kept in the portal database, so restarts and other instances can read them.
        builder.Services.AddDataProtection()
            .SetApplicationName("FullscriptPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        return builder;
    }
}
