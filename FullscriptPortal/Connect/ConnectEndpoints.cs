using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Connect;

/// <summary>The two browser legs of the flow. Both answer with redirects only: no page of their own, never the code.</summary>
public static class ConnectEndpoints
{
    public const string ConnectPath = "/connect/fullscript";
    public const string CallbackPath = "/oauth/fullscript/callback";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConnectPath, StartAsync).RequireAuthorization().RequireRateLimiting(ClientRateLimits.Links);
        app.MapGet(CallbackPath, CallbackAsync).RequireAuthorization().RequireRateLimiting(ClientRateLimits.Links);
        return app;
    }

    /// <summary>Starts the flow for the signed-in user, or with <c>?for=</c> for a staff member of a manager's clinic
    /// (the staff member signs in to Fullscript at the manager's screen; the audit trail names the manager).</summary>
    private static async Task<IResult> StartAsync(HttpContext http, AuthorizationFlow flow, IOptionsSnapshot<FullscriptOptions> options,
        IDbContextFactory<PortalDbContext> dbs, string? returnUrl, [FromQuery(Name = "for")] string? forUserId)
    {
        // Who connects depends on the authorization model: each practitioner and staff member their own account, or a
        // clinic manager the clinic's one connection.
        var clinicLevel = options.Value.AuthorizationModel == AuthorizationModel.ClinicLevel;
        var user = http.User;
        var userId = user.UserId()!;
        if (forUserId is not null && !clinicLevel)
        {
            await using var db = await dbs.CreateDbContextAsync(http.RequestAborted);
            var subject = forUserId.Length <= 64 ? await db.SubjectAsync(forUserId, http.RequestAborted) : null;
            if (subject is null || !ConnectionPolicy.AllowsConnectOnBehalf(user, subject, await RoleNamesAsync(db, forUserId, http.RequestAborted), options.Value.AuthorizationModel))
                return Results.Redirect(WithOutcome("/", ConnectNotice.NotAllowed));
            return Results.Redirect(await StartFlowAsync(http, flow, forUserId, userId, LocalPath.Normalize(returnUrl) ?? "/clinic"));
        }

        if (!ConnectionPolicy.ManagesOwnConnection(user, options.Value.AuthorizationModel)) return Results.Redirect(WithOutcome("/", ConnectNotice.NotAllowed));
        return Results.Redirect(await StartFlowAsync(http, flow, userId, userId, returnUrl, clinicLevel ? user.ClinicIdOf() : null));
    }

    /// <summary>Records the pending authorization and returns the Fullscript URL to send the browser to.</summary>
    public static Task<string> StartFlowAsync(HttpContext http, AuthorizationFlow flow, string forUserId, string startedByUserId, string? returnPath, int? clinicId = null)
    {
        var ownCallback = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, CallbackPath);
        return flow.StartAsync(forUserId, startedByUserId, returnPath, ownCallback, http.RequestAborted, clinicId);
    }

    private static Task<List<string>> RoleNamesAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && role.Name != null
         select role.Name!).ToListAsync(cancellationToken);

    private static async Task<IResult> CallbackAsync(HttpContext http, AuthorizationFlow flow, CallbackExchanges exchanges, IOptionsMonitor<TokenOptions> tokens)
    {
        // Read by hand: a repeated parameter is malformed input, not a reason to fail model binding with a 500.
        var query = http.Request.Query;
        if (query["state"].Count > 1 || query["code"].Count > 1 || query["error"].Count > 1)
            return Results.Redirect(WithOutcome("/", ConnectNotice.Malformed));

        var (outcome, returnPath, pendingId) = await flow.CompleteCallbackAsync(
            http.User.UserId()!, query["state"], query["code"], query["error"], http.RequestAborted);
        // The exchange starts now, not when the dashboard's circuit is up. A short wait for Fullscript's answer lets the
        // dashboard's first HTML show the connection; past it the browser goes on and the circuit shows the outcome.
        if (pendingId is { } id && tokens.CurrentValue.ExchangeOnCallback)
        {
            var exchange = exchanges.Start(id, http.User.UserId()!);
            if (tokens.CurrentValue.CallbackWait > TimeSpan.Zero)
                await Task.WhenAny(exchange, Task.Delay(tokens.CurrentValue.CallbackWait, http.RequestAborted));
        }
        // Normalised again on the way out: a pending authorization recorded before return paths were normalised may
        // still hold raw text, and a Location header takes ASCII only.
        return Results.Redirect(WithOutcome(LocalPath.OrHome(returnPath), outcome));
    }

    public static string WithOutcome(string path, ConnectNotice outcome) =>
        QueryHelpers.AddQueryString(path, "connect", outcome.ToString().ToLowerInvariant());
}
