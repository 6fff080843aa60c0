using OpenTelemetry.Metrics;

namespace FullscriptPortal.Observability;

public static class TelemetryRegistration
{
    /// <summary>Exports the portal's metrics over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set; without it the
    /// meters still exist for dotnet-counters and any listener.</summary>
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalMetrics>();
        if (builder.Configuration["OpenTelemetry:OtlpEndpoint"] is not { Length: > 0 } endpoint) return builder;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PortalMetrics.MeterName)
            .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)));
        return builder;
    }
}
