using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

/// <summary>Stores the Fullscript clinic a connection belongs to, and flags it when the portal maps the owner's clinic to
/// a different Fullscript clinic (fullscript-api.md §7 advises grouping users by clinic_id).</summary>
public static class ClinicRecorder
{
    public static async Task RecordAsync(PortalDbContext db, FullscriptConnection connection, FullscriptClinic clinic, CancellationToken cancellationToken)
    {
        connection.FullscriptClinicId = clinic.Id;
        connection.FullscriptClinicName = clinic.Name;
        var portalClinicId = connection.ClinicId
            ?? await db.Users.Where(u => u.Id == connection.UserId).Select(u => u.ClinicId).SingleOrDefaultAsync(cancellationToken);
        var mapped = portalClinicId is null
            ? null
            : await db.Clinics.Where(c => c.Id == portalClinicId).Select(c => c.FullscriptClinicId).SingleOrDefaultAsync(cancellationToken);
        connection.ClinicMismatch = mapped is not null && mapped != clinic.Id;
    }
}
