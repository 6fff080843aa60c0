using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>What a password sign-in came to: Identity's result, or throttled before any account was looked at.</summary>
public sealed record SignInAttempt(SignInResult Result, TimeSpan? ThrottledFor = null)
{
    public bool Throttled => ThrottledFor is not null;
}
