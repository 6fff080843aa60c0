using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Data;

public static class DataRegistration
{
    /// <summary>Data Protection's application name: keys and payloads are isolated by it.</summary>
    public const string ApplicationName = "FullscriptPortal";

    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        // The provider is the one choice made here; everything specific to it stays in this folder (the durability of a
        // write, the start-up settings, the migrations). Services ask for PortalDbContext either way.
        if (DatabaseSettings.Provider(builder.Configuration) == StoreProvider.Postgres)
        {
            var connectionString = DatabaseSettings.PostgresConnectionString(builder.Configuration);
            builder.Services.AddDbContextFactory<PortalDbContext, PostgresPortalDbContextFactory>(options => options.UseNpgsql(connectionString));
            builder.Services.AddSingleton<IStoreDurability, PostgresStoreDurability>();
        }
        else
        {
            // Options are read when the first context is made, so configuration added by a host or a test applies.
            builder.Services.AddDbContextFactory<PortalDbContext>((services, options) =>
            {
                var path = services.GetRequiredService<IConfiguration>()["Database:Path"] ?? "App_Data/portal.db";
                options.UseSqlite(SqliteDatabase.ConnectionString(services.GetRequiredService<IHostEnvironment>().ContentRootPath, path))
                    .AddInterceptors(SqliteConnectionSetup.Instance);
            });
            builder.Services.AddSingleton<IStoreDurability, SqliteStoreDurability>();
        }
        // First of all hosted services: Data Protection's own hosted service reads the key ring from the database when the
        // host starts, so the tables must exist before it runs.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());

        // Tokens are encrypted with keys kept in the portal database, so restarts and other instances can read them.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();

        // The key ring is wrapped with a certificate kept outside the database, so a copy of the database alone cannot
        // decrypt tokens. Outside Development start-up stops without one; a certificate that cannot be read stops it too,
        // with the validator's sentence rather than a raw exception here.
        builder.Services.AddOptions<DataProtectionKeyOptions>().BindConfiguration(DataProtectionKeyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DataProtectionKeyOptions>, DataProtectionKeyOptionsValidator>();
        var keys = builder.Configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>();
        if (keys is { HasCertificate: true } && KeyRingCertificate.TryLoad(keys) is { } certificate)
            dataProtection.ProtectKeysWithCertificate(certificate);
        return builder;
    }
}
