using System.Security.Claims;

namespace FullscriptPortal.Auth;

/// <summary>Support staff and clinic managers act on many people's connections, so outside Development they must use a
/// second factor (<c>Auth:RequireTwoFactorForStaff</c>, on by default except in Development, where the demo users keep
/// signing in with a password alone).</summary>
public sealed class StaffTwoFactorRule(bool required)
{
    public const string Setting = "Auth:RequireTwoFactorForStaff";

    /// <summary>The roles the rule covers.</summary>
    public static readonly IReadOnlyList<string> Roles = [PortalRoles.ClinicManager, PortalRoles.Support];

    public bool Required => required;

    public static StaffTwoFactorRule From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration.GetValue(Setting, !environment.IsDevelopment()));

    /// <summary>Whether the rule covers this person (whatever they have set up).</summary>
    public bool AppliesTo(ClaimsPrincipal user) => required && Roles.Any(user.IsInRole);

    /// <summary>Whether this signed-in person must set up an authenticator before using the portal.</summary>
    public bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && AppliesTo(user) && !user.HasTwoFactor();
}
