using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Live;

namespace FullscriptPortal.People;

/// <summary>Which changes a viewer's counts and queue follow: support every clinic's, a manager their clinic's people's.</summary>
public static class PeopleChanges
{
    public static ChangeKey? KeyFor(ClaimsPrincipal viewer) =>
        viewer.IsInRole(PortalRoles.Support) ? ChangeKey.All
        : viewer.IsInRole(PortalRoles.ClinicManager) && viewer.ClinicIdOf() is { } clinicId ? ChangeKey.PeopleOf(clinicId)
        : null;
}
