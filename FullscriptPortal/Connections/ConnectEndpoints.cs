using FullscriptPortal.Auth;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.Connections;

/// <summary>The two browser legs of the flow. Both answer with redirects only: no page of their own, never the code.</summary>
public static class ConnectEndpoints
{
    public const string ConnectPath = "/connect/fullscript";
    public const string CallbackPath = "/oauth/fullscript/callback";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConnectPath, StartAsync).RequireAuthorization(p => p.RequireRole(PortalRoles.Practitioner, PortalRoles.Staff));
        app.MapGet(CallbackPath, CallbackAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext http, AuthorizationFlow flow, string? returnUrl)
    {
        var userId = http.User.UserId()!;
        var ownCallback = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, CallbackPath);
        var authorizeUrl = await flow.StartAsync(userId, userId, returnUrl, ownCallback, http.RequestAborted);
        return Results.Redirect(authorizeUrl);
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, AuthorizationFlow flow)
    {
        // Read by hand: a repeated parameter is malformed input, not a reason to fail model binding with a 500.
        var query = http.Request.Query;
        if (query["state"].Count > 1 || query["code"].Count > 1 || query["error"].Count > 1)
            return Results.Redirect(WithOutcome("/", CallbackOutcome.Malformed));

        var (outcome, returnPath) = await flow.CompleteCallbackAsync(
            http.User.UserId()!, query["state"], query["code"], query["error"], http.RequestAborted);
        return Results.Redirect(WithOutcome(returnPath, outcome));
    }

    private static string WithOutcome(string path, CallbackOutcome outcome) =>
        QueryHelpers.AddQueryString(path, "connect", outcome.ToString().ToLowerInvariant());
}
