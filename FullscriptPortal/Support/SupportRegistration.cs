using FullscriptPortal.Audit;

namespace FullscriptPortal.Support;

public static class SupportRegistration
{
    public static WebApplicationBuilder AddSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditTrailQuery>();
        return builder;
    }
}
