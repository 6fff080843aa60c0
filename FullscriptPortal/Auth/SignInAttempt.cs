using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>What a password sign-in came to: Identity's result, or throttled before any account was looked at; and, once
/// signed in, the roles that decide where the person lands (<see cref="LandingPage"/>).</summary>
public sealed record SignInAttempt(SignInResult Result, TimeSpan? ThrottledFor = null, IReadOnlyList<string>? Roles = null)
{
    public bool Throttled => ThrottledFor is not null;
}
