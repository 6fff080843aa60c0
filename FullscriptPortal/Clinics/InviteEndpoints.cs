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
            var (problem, invite) = await invites.RedeemAsync(userId, token, http.RequestAborted);
            if (problem is { } notice) return Results.Redirect(ConnectEndpoints.WithOutcome("/", notice));
            // A link from the integrating app may ask for the person back once connected; the dashboard sends them on.
            var back = invite!.ReturnUrl is null ? "/" : $"/?{Invite.ContinueParameter}={invite.Id}";
            return Results.Redirect(await ConnectEndpoints.StartFlowAsync(http, flow, userId, userId, back));
        }).RequireAuthorization().RequireRateLimiting(ClientRateLimits.Links);
        return app;
    }
}
