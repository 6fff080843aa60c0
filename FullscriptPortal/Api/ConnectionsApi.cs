using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Mail;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Api;

/// <summary>People's connections for the integrating app's backend: read them, get a fresh access token, send a connect
/// link, disconnect. Every decision about whose connection a key may touch is <see cref="ConnectionPolicy"/>'s.</summary>
internal static class ConnectionsApi
{
    public const int DefaultMinValidity = 60;
    public const int MaxMinValidity = 3600;

    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/connections", ListAsync).WithName("ListConnections")
            .Produces<ApiConnectionPage>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lists connections of the key's clinic (or every clinic), filtered by clinic and state, a page at a time.");
        var person = api.MapGroup("/users/{externalId}");
        person.MapGet("/connection", GetAsync).WithName("GetConnection")
            .Produces<ApiConnection>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Where one person's connection stands.");
        person.MapPost("/connection/access-token", AccessTokenAsync).WithName("GetAccessToken")
            .Produces<ApiAccessToken>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("An access token valid for at least min_validity seconds, refreshed first when needed.");
        person.MapDelete("/connection", DisconnectAsync).WithName("Disconnect")
            .Produces<ApiDisconnectResult>().Produces<ApiDisconnectResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revokes the connection at Fullscript, then forgets its tokens.");
        person.MapPost("/connect-link", ConnectLinkAsync).WithName("CreateConnectLink")
            .Produces<ApiConnectLink>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A single-use link that starts the person's own connect flow; with send_email, also e-mailed to them when the portal has SMTP configured.");
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal client, IDbContextFactory<PortalDbContext> dbs, IOptionsSnapshot<FullscriptOptions> options,
        TimeProvider time, string? clinic, ConnectionState? state, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var pageSize = limit ?? 50;
        if (pageSize is < 1 or > 200) return ApiProblems.Invalid("limit must be between 1 and 200.");
        if (cursor is { Length: > 100 }) return ApiProblems.Invalid("cursor is not one this API gave out.");

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var people = db.Users.AsNoTracking().Where(u => u.ClinicId != null);
        if (client.ClinicIdOf() is { } scope) people = people.Where(u => u.ClinicId == scope);
        if (clinic is not null)
        {
            var clinicId = ExternalIds.IsValid(clinic) ? await db.Clinics.Where(c => c.ExternalId == clinic).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken) : null;
            if (clinicId is null) return ApiProblems.NotFound($"There is no clinic \"{clinic}\".");
            if (!ConnectionPolicy.MayManageClinic(client, clinicId)) return ApiProblems.Forbidden("This API key is for another clinic.");
            people = people.Where(u => u.ClinicId == clinicId);
        }
        if (cursor is not null) people = people.Where(u => u.Id.CompareTo(cursor) > 0);

        var model = options.Value.AuthorizationModel;
        var now = time.GetUtcNow();
        var rows = from user in people
                   let connection = model == AuthorizationModel.ClinicLevel
                       ? db.Connections.FirstOrDefault(c => c.ClinicId == user.ClinicId)
                       : db.Connections.FirstOrDefault(c => c.UserId == user.Id)
                   select new { user, user.Clinic!.ExternalId, connection };
        rows = state switch
        {
            null => rows,
            ConnectionState.NotConnected => rows.Where(r => r.connection == null),
            ConnectionState.Active => rows.Where(r => r.connection != null && r.connection.State == ConnectionState.Active && r.connection.AccessTokenExpiresAt > now),
            ConnectionState.Expired => rows.Where(r => r.connection != null && r.connection.State == ConnectionState.Active && r.connection.AccessTokenExpiresAt <= now),
            var stored => rows.Where(r => r.connection != null && r.connection.State == stored),
        };
        var page = await rows.OrderBy(r => r.user.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, [.. page.Select(r => r.user.Id)], cancellationToken);
        var items = page.Take(pageSize)
            .Select(r => ApiPeople.Connection(ApiPeople.Person(r.user, roles.GetValueOrDefault(r.user.Id, ""), r.ExternalId), r.connection, now, options.Value.RefreshBeforeExpiry))
            .ToList();
        return TypedResults.Ok(new ApiConnectionPage(items, page.Count > pageSize ? page[pageSize - 1].user.Id : null));
    }

    private static async Task<IResult> GetAsync(string externalId, ClaimsPrincipal client, IDbContextFactory<PortalDbContext> dbs,
        IOptionsSnapshot<FullscriptOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var (person, refusal) = await AuthorizeAsync(db, client, externalId, ConnectionAction.Refresh, cancellationToken); // whoever may use the connection may read it
        if (person is null) return refusal!;
        var connection = await ApiPeople.ConnectionOf(db, person.User, options.Value.AuthorizationModel).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ApiPeople.Connection(ApiPeople.Person(person.User, person.Role, person.ClinicExternalId), connection, time.GetUtcNow(), options.Value.RefreshBeforeExpiry));
    }

    private static async Task<IResult> AccessTokenAsync(string externalId, ApiAccessTokenRequest? request, ClaimsPrincipal client, HttpContext http,
        ApiTokens tokens, FullscriptServerDirectory servers, CancellationToken cancellationToken)
    {
        var minValidity = request?.MinValidity ?? DefaultMinValidity;
        if (minValidity is < 0 or > MaxMinValidity) return ApiProblems.Invalid($"min_validity must be between 0 and {MaxMinValidity} seconds.");
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        var (token, problem) = await tokens.GetAsync(http, client, externalId, TimeSpan.FromSeconds(minValidity), force: false, cancellationToken);
        return token is null
            ? problem!
            : TypedResults.Ok(new ApiAccessToken(token.AccessToken, "Bearer", token.ExpiresAt, token.ServerKey, servers.ApiBase(token.ServerKey).AbsoluteUri));
    }

    private static async Task<IResult> DisconnectAsync(string externalId, string? reason, [FromBody] ApiDisconnectRequest? request, ClaimsPrincipal client,
        IDbContextFactory<PortalDbContext> dbs, Disconnector disconnector, IOptionsSnapshot<FullscriptOptions> options, CancellationToken cancellationToken)
    {
        reason = (request?.Reason ?? reason)?.Trim();
        if (reason is not { Length: > 0 and <= 500 }) return ApiProblems.Invalid("Give a reason of 1 to 500 characters (body {\"reason\": \"...\"} or ?reason=).");
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var (person, refusal) = await AuthorizeAsync(db, client, externalId, ConnectionAction.Disconnect, cancellationToken);
        if (person is null) return refusal!;
        var connectionId = await ApiPeople.ConnectionOf(db, person.User, options.Value.AuthorizationModel).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (connectionId is not { } id) return ApiProblems.NotFound("This person has no connection to disconnect.");

        var outcome = await disconnector.DisconnectAsync(id, client.UserId()!, reason, cancellationToken);
        return outcome.Result switch
        {
            DisconnectResult.Disconnected => TypedResults.Ok(new ApiDisconnectResult(ConnectionState.Revoked, Pending: false, OutcomeText.For(outcome))),
            DisconnectResult.Pending => TypedResults.Accepted((string?)null, new ApiDisconnectResult(ConnectionState.Revoked, Pending: true, OutcomeText.For(outcome))),
            DisconnectResult.NotFound => ApiProblems.NotFound(OutcomeText.For(outcome)),
            _ => ApiProblems.Forbidden(OutcomeText.For(outcome)),
        };
    }

    private static async Task<IResult> ConnectLinkAsync(string externalId, ApiConnectLinkRequest? request, ClaimsPrincipal client, HttpContext http,
        IDbContextFactory<PortalDbContext> dbs, Invites invites, PortalEmails emails, CancellationToken cancellationToken)
    {
        TimeSpan? lifetime = request?.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        if (lifetime < ConnectLinks.ShortestLifetime || lifetime > Invite.Lifetime)
            return ApiProblems.Invalid($"expires_in must be between {ConnectLinks.ShortestLifetime.TotalSeconds:0} and {Invite.Lifetime.TotalSeconds:0} seconds.");
        var returnUrl = request?.ReturnUrl;
        if (returnUrl is not null && (returnUrl.Length > ConnectLinks.MaxReturnUrlLength || !ReturnOrigins.Allows(client.ReturnOrigins(), returnUrl)))
            return ApiProblems.Invalid("return_url must be on an origin allowed for this API key (ask support to add it).");

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var (person, refusal) = await AuthorizeAsync(db, client, externalId, ConnectionAction.Invite, cancellationToken);
        if (person is null) return refusal!;
        if (person.User.DeactivatedAt is not null) return ApiProblems.Conflict("This person is deactivated.");
        var link = await invites.CreateAsync(client, person.User.Id, cancellationToken, lifetime, returnUrl);
        if (link is null) return ApiProblems.Forbidden("This API key may not invite this person.");
        var url = Absolute(http, link.Path);
        // The link exists by now, so a mail server that fails is reported in the answer, never as an error.
        var mailed = request?.SendEmail == true && person.User.Email is { } to
            && await emails.SendConnectLinkAsync(to, person.User.DisplayName, url, link.ExpiresAt, cancellationToken) == MailOutcome.Sent;
        return TypedResults.Created((string?)null, new ApiConnectLink(url, link.ExpiresAt, mailed));
    }

    /// <summary>The person when found and the key may do <paramref name="action"/> to them; otherwise the problem to answer:
    /// 404 for an unknown id, 403 for a person of a clinic the key may not act on.</summary>
    internal static async Task<(ApiSubject? Person, IResult? Refusal)> AuthorizeAsync(PortalDbContext db, ClaimsPrincipal client, string externalId,
        ConnectionAction action, CancellationToken cancellationToken)
    {
        var person = await ApiPeople.FindAsync(db, externalId, cancellationToken);
        if (person is null) return (null, ApiProblems.NotFound($"There is no person \"{externalId}\"."));
        return ConnectionPolicy.Allows(client, action, person.Subject)
            ? (person, null)
            : (null, ApiProblems.Forbidden("This person belongs to a clinic this API key may not act on."));
    }

    private static async Task<Dictionary<string, string>> RolesOfAsync(PortalDbContext db, List<string> userIds, CancellationToken cancellationToken)
    {
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where userIds.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        return roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
    }

    internal static string Absolute(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";
}
