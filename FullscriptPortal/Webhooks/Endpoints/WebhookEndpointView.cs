namespace FullscriptPortal.Webhooks;

/// <summary>What support sees of an endpoint: never its secret.</summary>
public sealed record WebhookEndpointView(Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt, string? DisabledReason, int Pending, int Failed);
