using FullscriptPortal.Auth;
using FullscriptPortal.Connect;

namespace FullscriptPortal.Clinics;

public static class InviteEndpoints
{
    /// <summary>The link a manager hands out: signed in as the invited staff member, it starts their own connect flow.</summary>
    public static IEndpointRouteBuilder MapInviteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Invites.PathPrefix + "{token}", async (string token, HttpContext http, Invites invites, AuthorizationFlow flow) =>
        {
            var userId = http.User.UserId()!;
            if (await invites.RedeemAsync(userId, token, http.RequestAborted) is { } problem)
                return Results.Redirect(ConnectEndpoints.WithOutcome("/", problem));
            return Results.Redirect(await ConnectEndpoints.StartFlowAsync(http, flow, userId, userId, "/"));
        }).RequireAuthorization();
        return app;
    }
}
