using FullscriptPortal.Audit;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

/// <summary>Stores what Fullscript's clinic call answered for a connection, with its one audit entry. The portal maps its
/// clinics to Fullscript's (fullscript-api.md §7 advises grouping users by clinic_id), so a different clinic is flagged.</summary>
public static class ClinicRecorder
{
    /// <summary>Records the clinic when found and audits the lookup under <paramref name="action"/>
    /// (<see cref="AuditActions.ClinicLookup"/> after a connect, <see cref="AuditActions.Probed"/> when a probe proves the
    /// connection). Not saved: the caller saves with the rest of its change.</summary>
    public static async Task RecordLookupAsync(PortalDbContext db, FullscriptConnection connection, FullscriptResult<FullscriptClinic> clinic,
        string action, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (clinic.Succeeded)
        {
            var portalClinicId = connection.ClinicId
                ?? await db.Users.Where(u => u.Id == connection.UserId).Select(u => u.ClinicId).SingleOrDefaultAsync(cancellationToken);
            var mapped = portalClinicId is null
                ? null
                : await db.Clinics.Where(c => c.Id == portalClinicId).Select(c => c.FullscriptClinicId).SingleOrDefaultAsync(cancellationToken);
            connection.RecordClinic(clinic.Value.Id, clinic.Value.Name, mapped, now);
        }
        db.Audit(now, action, AuditOutcome(action, clinic), actor, connection.UserId, connection.Id,
            clinic.Succeeded ? clinic.Value.Name : clinic.Error.Code, clinic.RequestId);
    }

    private static string AuditOutcome(string action, FullscriptResult<FullscriptClinic> clinic) => (action, clinic.Error?.Kind) switch
    {
        (AuditActions.Probed, null) => "ok",
        (AuditActions.Probed, FailureKind.Rejected) => "rejected",
        (AuditActions.Probed, _) => "transient-failure",
        (_, null) => "found",
        _ => "failed",
    };
}
