using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";
    public const string ClinicId = "portal:clinic_id";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static int? ClinicIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClinicId), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

/// <summary>Puts the display name and clinic into the sign-in cookie so pages need no extra query to greet the user.</summary>
internal sealed class PortalClaimsFactory(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.ClinicId is { } clinicId)
            identity.AddClaim(new Claim(PortalClaims.ClinicId, clinicId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
