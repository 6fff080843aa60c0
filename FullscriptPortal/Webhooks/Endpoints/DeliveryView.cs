namespace FullscriptPortal.Webhooks;

/// <summary>One line of an endpoint's delivery log.</summary>
public sealed record DeliveryView(long Id, string MessageId, string EventType, DateTimeOffset CreatedAt, DeliveryStatus Status, int Attempts,
    int? LastResponseCode, string? LastError, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);
