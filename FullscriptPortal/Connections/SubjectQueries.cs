using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

public static class SubjectQueries
{
    /// <summary>The person a policy decision is about, or null for an unknown user id.</summary>
    public static Task<ConnectionSubject?> SubjectAsync(this PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => new ConnectionSubject(u.Id, u.ClinicId)).SingleOrDefaultAsync(cancellationToken);
}
