using FullscriptPortal.Audit;
using FullscriptPortal.Data;

namespace FullscriptPortal.Support;

public static class SupportRegistration
{
    public static WebApplicationBuilder AddSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditTrailQuery>();
        // New audit entries reach open audit pages live, whoever wrote them.
        builder.Services.AddSingleton<AuditNotifier>();
        builder.Services.AddSingleton<AuditEntryPublisher>();
        builder.Services.ConfigureDbContext<PortalDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<AuditEntryPublisher>()));
        return builder;
    }
}
