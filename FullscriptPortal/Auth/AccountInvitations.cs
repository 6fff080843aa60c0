using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.Auth;

/// <summary>The link a new person opens to choose their password. Built on Identity's password-reset token, so it is signed,
/// expires (<see cref="Lifetime"/>), and is good once: setting the password changes the security stamp it is bound to.</summary>
public sealed class AccountInvitations(UserManager<PortalUser> users, TimeProvider time)
{
    public const string Path = "/account/welcome";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    public async Task<(string PathAndQuery, DateTimeOffset ExpiresAt)> CreateAsync(PortalUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString(Path, new Dictionary<string, string?>
        {
            ["user"] = user.Id,
            ["token"] = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token)),
        });
        return (link, time.GetUtcNow() + Lifetime);
    }

    /// <summary>Sets the first password; the errors to show otherwise (an expired or used link, a weak password).</summary>
    public async Task<IReadOnlyList<string>> AcceptAsync(string userId, string encodedToken, string password)
    {
        var user = userId.Length <= 64 ? await users.FindByIdAsync(userId) : null;
        string token;
        try { token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encodedToken)); }
        catch (FormatException) { token = ""; }
        if (user is null || user.DeactivatedAt is not null || token.Length == 0)
            return ["This invitation link is not valid. Ask whoever invited you for a new one."];
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded) return [];
        return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? ["This invitation link has expired or was used already. Ask whoever invited you for a new one."]
            : [.. result.Errors.Select(e => e.Description)];
    }
}
