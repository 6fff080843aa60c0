using System.ComponentModel.DataAnnotations;

namespace FullscriptPortal.Auth;

/// <summary>The <c>RateLimits</c> section: per-client limits (a client is a remote IP address, as forwarded headers leave
/// it) on the anonymous and link-following parts of the portal. Generous enough that a person never meets them; a script
/// does. Open dashboards (Blazor circuits) and static assets are never limited.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in posts from one client, whatever the accounts.</summary>
    public ClientLimit SignIn { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Failed sign-ins for one account from one client: slows guessing at a password without letting a stranger
    /// lock the account's owner out (their own network has its own count).</summary>
    public ClientLimit SignInFailures { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Connect, the OAuth callback, invite links and the account welcome page, from one client.</summary>
    public ClientLimit Links { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Data annotations do not reach into nested objects, so each limit is checked here.</summary>
    public bool IsValid() =>
        new[] { SignIn, SignInFailures, Links }.All(limit => limit is not null && Validator.TryValidateObject(limit, new ValidationContext(limit), null, true));
}
