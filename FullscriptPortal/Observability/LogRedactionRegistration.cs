using FullscriptPortal.Observability.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Observability;

public static class LogRedactionRegistration
{
    /// <summary>Redacts OAuth codes, states, verifiers, tokens, client secrets and API keys from every log entry, at
    /// every level: not a filter that configuration could lower, but the factory every logger comes from.</summary>
    public static WebApplicationBuilder AddPortalLogRedaction(this WebApplicationBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>()))));
        return builder;
    }
}
