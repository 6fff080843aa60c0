namespace FullscriptPortal.Webhooks;

/// <summary>The body of every webhook, in the Standard Webhooks shape: <c>type</c>, <c>timestamp</c>, <c>data</c>.</summary>
public sealed record WebhookMessage(string Type, DateTimeOffset Timestamp, WebhookData Data);
