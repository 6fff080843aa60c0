using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>The sign-in cookie's checks on every request: within its absolute lifetime, and still the current session
/// (<see cref="SessionCheck"/>). They replace Identity's interval-based stamp check, which would let a captured cookie
/// live on for up to its interval after sign-out; this costs one user lookup per HTTP request (page loads and form posts,
/// not the messages of an open dashboard's circuit), which SQLite or PostgreSQL answer by primary key.</summary>
public static class SessionCookieEvents
{
    /// <summary>When the password was given. The ticket's IssuedUtc cannot serve: sliding expiration renews it.</summary>
    public const string SignedInAtKey = "portal.signed-in-at";

    /// <summary>Records the sign-in time, keeping one already there (a refreshed sign-in keeps its original deadline).</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items.TryAdd(SignedInAtKey, now.ToString("O", CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lifetime = services.GetRequiredService<IOptionsMonitor<SessionOptions>>().CurrentValue.AbsoluteLifetime;
        var current = SignedInAt(context.Properties) is { } signedInAt && now - signedInAt <= lifetime
            && context.Principal is { } principal
            && await services.GetRequiredService<SessionCheck>().IsCurrentAsync(principal);
        if (current) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInAtKey, out var value)
        && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}
