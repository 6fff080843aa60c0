namespace FullscriptPortal.Auth;

/// <summary>Per-client rate limits: named policies for the link-following endpoints (connect, callback, invite links) and
/// the account pages, plus the sign-in throttle the sign-in page consults itself (so a throttled person sees the form
/// again with the reason). The API's per-key limit lives with the API.</summary>
public static class ClientRateLimits
{
    /// <summary>For endpoints a script could hammer: every request counts against the client's
    /// <see cref="RateLimitOptions.Links"/> limit.</summary>
    public const string Links = "client-links";

    /// <summary>For the Razor pages' one endpoint: only the account welcome page (an invitation link) and the second
    /// sign-in step's code posts count; every other page, the dashboards among them, passes unlimited.</summary>
    public const string Pages = "client-pages";

    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(options => options.IsValid(), "RateLimits: each PermitLimit must be 1 to 1,000,000 and each Window from 1 second to 1 day.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<UnknownAccountHash>();
        builder.Services.AddScoped<PasswordSignIn>();
        // AddRateLimiter only configures RateLimiterOptions, so the API's call and this one add up.
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Links, new ClientRateLimitPolicy(_ => true));
            limiter.AddPolicy(Pages, new ClientRateLimitPolicy(IsGuessable));
        });
        return builder;
    }

    // Pages where a script could guess: invitation tokens, authenticator or recovery codes after a known password, and the
    // current password on the change-password form (a stolen session must not be a way to test passwords).
    private static bool IsGuessable(HttpContext http) =>
        http.Request.Path.StartsWithSegments(AccountInvitations.Path)
        || (HttpMethods.IsPost(http.Request.Method)
            && (http.Request.Path.StartsWithSegments(AccountSecurity.AuthenticatorSignInPath) || http.Request.Path.StartsWithSegments(AccountSecurity.RecoveryCodeSignInPath)
                || http.Request.Path.StartsWithSegments(AccountSecurity.ChangePasswordPath)));
}
