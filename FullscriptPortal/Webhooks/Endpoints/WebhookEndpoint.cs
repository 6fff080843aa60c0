namespace FullscriptPortal.Webhooks;

/// <summary>Where support asked the portal to send events. The signing secret is kept encrypted with Data Protection: the
/// portal must sign with it, so a one-way hash would not do.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }
    public required string Url { get; set; }

    /// <summary>Subscribed event types, space-separated.</summary>
    public required string Events { get; set; }
    public required string SecretProtected { get; set; }
    public bool Enabled { get; set; } = true;

    public required string CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set at the first failed attempt after a success; cleared by the next success. A day of it disables the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Why the endpoint is disabled, for support to read (by whom, or the failures that made the portal do it).</summary>
    public string? DisabledReason { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool SubscribesTo(string type) => EventList.Contains(type, StringComparer.Ordinal);
}
