using FullscriptPortal.Auth;
using FullscriptPortal.Fullscript;
using Microsoft.Extensions.Options;
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
        app.MapGet(ConnectPath, StartAsync).RequireAuthorization();
        app.MapGet(CallbackPath, CallbackAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext http, AuthorizationFlow flow, IOptionsSnapshot<FullscriptOptions> options, string? returnUrl)
    {
        // Who connects depends on the authorization model: each practitioner and staff member their own account, or a
        // clinic manager the clinic's one connection.
        var clinicLevel = options.Value.AuthorizationModel == AuthorizationModel.ClinicLevel;
        var user = http.User;
        var allowed = clinicLevel
            ? user.IsInRole(PortalRoles.ClinicManager) && user.ClinicIdOf() is not null
            : user.IsInRole(PortalRoles.Practitioner) || user.IsInRole(PortalRoles.Staff);
        if (!allowed) return Results.Redirect(WithOutcome("/", CallbackOutcome.NotAllowed));

        var userId = user.UserId()!;
        var ownCallback = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, CallbackPath);
        var authorizeUrl = await flow.StartAsync(userId, userId, returnUrl, ownCallback, http.RequestAborted, clinicLevel ? user.ClinicIdOf() : null);
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
