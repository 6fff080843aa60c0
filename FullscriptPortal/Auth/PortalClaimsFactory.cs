using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>Puts the display name, clinic and whether two-step sign-in is on into the sign-in cookie so pages need no extra query to greet the user.</summary>
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
        // Read by the staff two-factor rule; the cookie is re-issued whenever the setting changes.
        if (await UserManager.GetTwoFactorEnabledAsync(user))
            identity.AddClaim(new Claim(PortalClaims.TwoFactor, "on"));
        return identity;
    }
}
