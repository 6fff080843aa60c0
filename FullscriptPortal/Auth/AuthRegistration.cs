using FullscriptPortal.Data;
using FullscriptPortal.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

public static class AuthRegistration
{
    public static WebApplicationBuilder AddPortalAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            PortalCookies.Harden(cookie.Cookie, builder.Environment, PortalCookies.Auth, SameSiteMode.Lax);
            cookie.LoginPath = AccountEndpoints.SignInPath;
            cookie.AccessDeniedPath = "/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // Every request: within the absolute lifetime, and not signed out, deactivated or changed since.
            cookie.Events.OnSigningIn = SessionCookieEvents.OnSigningIn;
            cookie.Events.OnValidatePrincipal = SessionCookieEvents.OnValidatePrincipal;
        });
        builder.Services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SessionCheck>();
        // On sign-in the cookie handler follows ?ReturnUrl= by itself: that path goes out normalised like every other.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, LocalPath.NormalizeReturnRedirects);
        builder.Services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        // Invitation links are password-reset tokens: signed, and good until the password is set or this long has passed.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = AccountInvitations.Lifetime);
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<AuthenticatorEnrolment>();
        builder.Services.AddSingleton(services => StaffTwoFactorRule.From(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        builder.Services.AddHostedService<RoleAndDemoSeeder>();
        return builder.AddClientRateLimits();
    }
}
