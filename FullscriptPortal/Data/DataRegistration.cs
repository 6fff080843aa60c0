using System.Security.Cryptography.X509Certificates;
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
            options.UseSqlite(SqliteDatabase.ConnectionString(services.GetRequiredService<IHostEnvironment>().ContentRootPath, path))
                .AddInterceptors(SqliteDurability.Instance);
        });
        builder.Services.AddSingleton<IStoreDurability, SqliteStoreDurability>();
        // First of all hosted services: Data Protection's own hosted service reads the key ring from the database when the
        // host starts, so the tables must exist before it runs.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());

        // Tokens are encrypted with keys kept in the portal database, so restarts and other instances can read them.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("FullscriptPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        // On a server, wrap the key ring with a certificate so a copy of the database alone cannot decrypt tokens.
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        return builder;
    }
}
