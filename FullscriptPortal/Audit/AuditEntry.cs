namespace FullscriptPortal.Audit;

/// <summary>One step of a connection's life. Never holds a token, a code or a secret.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }

    /// <summary>The portal user who acted, or "system".</summary>
    public required string ActorUserId { get; set; }
    public string? SubjectUserId { get; set; }
    public Guid? ConnectionId { get; set; }
    public string? Detail { get; set; }

    /// <summary>Fullscript's X-Request-Id, which Fullscript support asks for.</summary>
    public string? FullscriptRequestId { get; set; }
}
