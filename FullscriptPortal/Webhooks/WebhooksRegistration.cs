using FullscriptPortal.Data;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Webhooks;

public static class WebhooksRegistration
{
    /// <summary>Endpoints, the outbox written with every connection change, and the worker that delivers it.</summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookOutboxWriter>();
        builder.Services.ConfigureDbContext<PortalDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<WebhookOutboxWriter>()));
        // No redirects (a receiver that moved must be updated by support) and no retries here: the outbox retries.
        builder.Services.AddHttpClient(WebhookSender.ClientName, (services, client) =>
                client.Timeout = services.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<WebhookEndpoints>();
        builder.Services.AddScoped<WebhookDeliveryPass>();
        builder.Services.AddHostedService<WebhookWorker>();
        return builder;
    }
}
