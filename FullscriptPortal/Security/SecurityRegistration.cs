using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Security;

/// <summary>Transport and response hardening for the whole pipeline: forwarded headers from known proxies, https
/// redirection, security headers, <c>no-store</c> by default, and Secure cookies outside Development.</summary>
public static class SecurityRegistration
{
    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            if (settings.Value.FirstInvalid() is null) settings.Value.ApplyTo(options);
        });
        builder.Services.AddSecurityHeaderPolicies(policies => PortalSecurityHeaders.Configure(policies, development));

        builder.Services.AddAntiforgery(antiforgery =>
        {
            PortalCookies.Harden(antiforgery.Cookie, builder.Environment, PortalCookies.Antiforgery, SameSiteMode.Strict);
            // Secure whenever the request is https (always, behind the proxy or after redirection). Always would make
            // antiforgery throw, a 500, on a plain-http request that reaches the app with no https port to redirect to.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Identity's other cookies (the second factor's among them) are Secure outside Development too; the sign-in
        // cookie itself is named and secured in Auth/AuthRegistration.
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(cookie =>
        {
            if (!development) cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that every response, errors and redirects included, gets the headers.</summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Without an https port (ASPNETCORE_HTTPS_PORT, or an https endpoint) this only logs that it cannot redirect.
        if (!app.Environment.IsDevelopment()) app.UseHttpsRedirection();
        app.UseSecurityHeaders();
        app.UseNoStoreByDefault();
        return app;
    }
}
