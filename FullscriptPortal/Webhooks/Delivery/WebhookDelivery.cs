namespace FullscriptPortal.Webhooks;

/// <summary>One event for one endpoint: the outbox row, written in the same transaction as the change that caused it, and
/// afterwards the delivery log. <see cref="Id"/> grows with every row, so it orders the events of a connection.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public Guid EndpointId { get; set; }

    /// <summary>The Standard Webhooks <c>webhook-id</c>: the same for every attempt and for "send again", so a receiver can
    /// drop duplicates; shared by the endpoints that get the same event.</summary>
    public required string MessageId { get; set; }
    public required string EventType { get; set; }

    /// <summary>Events with the same key are sent one after another, in <see cref="Id"/> order: the person's (or clinic's).</summary>
    public required string OrderingKey { get; set; }
    public Guid? ConnectionId { get; set; }

    /// <summary>The JSON body, fixed when the event happened, so every attempt sends (and signs) the same bytes.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastResponseCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
