using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>Password sign-in that tells nothing about which accounts exist: a known e-mail, an unknown one and a
/// deactivated account get the same answer after the same work (one password hash check), and a throttled client gets
/// the same refusal whatever it typed. No account is ever locked by failed attempts (<see cref="SignInThrottle"/> slows
/// the client instead); Identity's lockout remains only as the way deactivation bars a person.</summary>
public sealed class PasswordSignIn(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle, UnknownAccountHash unknown)
{
    public async Task<SignInAttempt> SignInAsync(HttpContext http, string email, string password)
    {
        var client = http.Connection.RemoteIpAddress;
        if (throttle.TryAttempt(client, email) is { } wait)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new(SignInResult.Failed, wait);
        }

        var user = await users.FindByEmailAsync(email);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        // Unknown, deactivated (locked) or not allowed: Identity checked no password, so check one against nobody's hash.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            unknown.Verify(users.PasswordHasher, password);
            result = SignInResult.Failed;
        }
        if (!result.Succeeded && !result.RequiresTwoFactor) throttle.RecordFailure(client, email);
        return new(result, Roles: result.Succeeded ? [.. await users.GetRolesAsync(user!)] : null);
    }
}
