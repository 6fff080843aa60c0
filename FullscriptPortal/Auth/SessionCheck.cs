using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>Whether a signed-in principal still stands for a current session: signed in less than
/// <see cref="SessionOptions.AbsoluteLifetime"/> ago, the person exists, is not deactivated, and their security stamp is
/// the one the sign-in carried. Sign-out, deactivation and a role or clinic change all replace the
/// stamp, so every cookie and open dashboard issued before loses its session. One rule for cookies and circuits.</summary>
public sealed class SessionCheck(UserManager<PortalUser> users, IOptions<IdentityOptions> identity, IOptionsMonitor<SessionOptions> options, TimeProvider time)
{
    /// <summary>When the password was given (set at sign-in by <see cref="SessionCookieEvents"/>).</summary>
    public const string SignedInAtClaim = "portal:signed_in_at";

    public static string Format(DateTimeOffset signedInAt) => signedInAt.ToString("O", CultureInfo.InvariantCulture);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var signedInAt = DateTimeOffset.TryParseExact(principal.FindFirstValue(SignedInAtClaim), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at : (DateTimeOffset?)null;
        if (signedInAt is null || time.GetUtcNow() - signedInAt > options.CurrentValue.AbsoluteLifetime) return false;
        var userId = users.GetUserId(principal);
        if (userId is null) return false;
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.DeactivatedAt is not null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }
}
