namespace FullscriptPortal.Webhooks;

/// <summary>An endpoint just made: the only moment its signing secret is shown.</summary>
public sealed record NewWebhookEndpoint(WebhookEndpointView Endpoint, string Secret);
