namespace FullscriptPortal.Audit;

/// <summary>An audit entry with the people it names, for support's audit page.</summary>
public sealed record AuditRow(AuditEntry Entry, string Actor, string? Subject);
