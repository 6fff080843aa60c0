using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>The sign-in cookie's check on every request: still the current session, within its absolute lifetime
/// (<see cref="SessionCheck"/>). They replace Identity's interval-based stamp check, which would let a captured cookie
/// live on for up to its interval after sign-out; this costs one user lookup per HTTP request (page loads and form posts,
/// not the messages of an open dashboard's circuit), which SQLite or PostgreSQL answer by primary key.</summary>
public static class SessionCookieEvents
{
    /// <summary>When the password was given, kept in the ticket's properties (which a refreshed sign-in carries over).
    /// The ticket's IssuedUtc cannot serve: sliding expiration renews it.</summary>
    public const string SignedInAtKey = "portal.signed-in-at";

    /// <summary>Records the sign-in time, keeping one already there (a refreshed sign-in keeps its original deadline), and
    /// copies it into a claim so an open dashboard, which sees the principal but not the cookie, can check it too.</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items.TryAdd(SignedInAtKey, SessionCheck.Format(now));
        if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionCheck.SignedInAtClaim))
            identity.AddClaim(new Claim(SessionCheck.SignedInAtClaim, context.Properties.Items[SignedInAtKey]!));
        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var current = context.Principal is { } principal
            && await context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(principal);
        if (current) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
