using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FullscriptPortal.Observability;

public static class HealthRegistration
{
    public const string Path = "/health";

    public static WebApplicationBuilder AddPortalHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<WorkerHealthCheck>("worker")
            .AddCheck<DataProtectionHealthCheck>("data-protection");
        return builder;
    }

    /// <summary>Anonymous, for load balancers: statuses and plain sentences, nothing secret.</summary>
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = (http, report) =>
            {
                http.Response.ContentType = "application/json";
                return http.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }));
            },
        }).AllowAnonymous();
        return app;
    }
}
