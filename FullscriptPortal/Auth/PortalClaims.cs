using System.Security.Claims;

namespace FullscriptPortal.Auth;

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";
    public const string ClinicId = "portal:clinic_id";

    /// <summary>Present, with the value "on", while the person has two-step sign-in (an authenticator app) turned on.</summary>
    public const string TwoFactor = "portal:two_factor";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static int? ClinicIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClinicId), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool HasTwoFactor(this ClaimsPrincipal user) => user.HasClaim(TwoFactor, "on");

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
