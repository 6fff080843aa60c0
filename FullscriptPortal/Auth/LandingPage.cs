using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>Where a person lands after signing in when nothing asked for a page: their own work, not a dashboard that
/// tells them their role has nothing to connect. The one place that decides it, for every sign-in step and for <c>/</c>.</summary>
public static class LandingPage
{
    public const string Home = "/";
    public const string Clinic = "/clinic";
    public const string Support = "/support";

    public static string For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(PortalRoles.Support) ? Support : held.Contains(PortalRoles.ClinicManager) ? Clinic : Home;
    }

    public static string For(ClaimsPrincipal user) => For(PortalRoles.All.Where(user.IsInRole));

    /// <summary>The return path when one was asked for (a same-site one only), otherwise the role's own page. <c>/</c> counts
    /// as none: it is where the sign-in page is reached from by default.</summary>
    public static string After(string? returnUrl, IEnumerable<string> roles) =>
        LocalPath.Normalize(returnUrl) is { } path && path != Home ? path : For(roles);

    /// <summary><see cref="After(string?, IEnumerable{string})"/> for a person who has just proved who they are.</summary>
    public static async Task<string> AfterSignInAsync(UserManager<PortalUser> users, PortalUser? user, string? returnUrl) =>
        After(returnUrl, user is null ? [] : await users.GetRolesAsync(user));
}
