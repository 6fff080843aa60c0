using Microsoft.AspNetCore.Authorization;

namespace FullscriptPortal.Auth;

/// <summary>Sends a signed-in person whom <see cref="StaffTwoFactorRule"/> covers to the authenticator set-up until they
/// have one. It guards every request, not only pages: the interactive circuit (<c>/_blazor</c>) is refused too, so no
/// in-circuit navigation can get around it. Static files and the account pages stay reachable.</summary>
public static class TwoFactorEnrolmentGuard
{
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsAlwaysAllowed(http) || !http.RequestServices.GetRequiredService<StaffTwoFactorRule>().MustEnrol(http.User))
            {
                await next(http);
                return;
            }
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                http.Response.Redirect(AccountSecurity.Path);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync("Set up two-step sign-in at " + AccountSecurity.Path + " first.");
        });

    private static bool IsAlwaysAllowed(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/account")
        || http.Request.Path.StartsWithSegments("/_framework")
        || http.Request.Path.StartsWithSegments("/_content")
        || http.Request.Path.StartsWithSegments("/brand")
        || IsPublicFile(http);

    // Stylesheets and scripts, but not a file an endpoint makes for signed-in people (the people export is a .csv).
    private static bool IsPublicFile(HttpContext http)
    {
        if (!Path.HasExtension(http.Request.Path.Value)) return false;
        var metadata = http.GetEndpoint()?.Metadata;
        return metadata is null || (metadata.GetMetadata<IAuthorizeData>() is null && metadata.GetMetadata<AuthorizationPolicy>() is null);
    }
}
