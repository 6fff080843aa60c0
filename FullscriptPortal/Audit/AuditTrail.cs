using FullscriptPortal.Data;

namespace FullscriptPortal.Audit;

public static class AuditTrail
{
    public static void Audit(this PortalDbContext db, DateTimeOffset at, string action, string outcome, string actor,
        string? subject = null, Guid? connectionId = null, string? detail = null, string? requestId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Action = action,
            Outcome = outcome,
            ActorUserId = actor,
            SubjectUserId = subject,
            ConnectionId = connectionId,
            Detail = detail,
            FullscriptRequestId = requestId,
        });
}
