using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with the antiforgery token, so another site cannot sign a user out.
        app.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.BadRequest("The sign-out form expired. Reload the page and sign out again.");
            // A new stamp ends this session server-side: a copy of the cookie is refused on its next request, and open
            // dashboards at the next revalidation. (It ends the person's other sessions too: sign-out means everywhere.)
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(SignInPath);
        });
        return app;
    }
}
