using FullscriptPortal.Connect;
using FullscriptPortal.Fullscript;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.Simulator;

/// <summary>The simulator's HTTP surface under <c>/simulator/api</c>, shaped like Fullscript's.</summary>
public static class SimulatorEndpoints
{
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        var site = app.MapGroup(FullscriptServerDirectory.SimulatorPath).ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            AddRequestId(context.HttpContext);
            return await next(context);
        });
        site.MapGet("/oauth/authorize", AuthorizeAsync);
        // Antiforgery is checked by hand so that a stale or missing token is a clear 400, never an exception.
        site.MapPost("/oauth/authorize", DecideAsync).DisableAntiforgery();

        // RFC 6749 5.1: token answers, errors included, are never cached; said before anything else can answer.
        var oauth = app.MapGroup(FullscriptServerDirectory.SimulatorPath + "/oauth").ExcludeFromDescription()
            .AddEndpointFilter(NoStoreAsync).AddEndpointFilter(ApiBehaviourAsync);
        oauth.MapPost("/token", TokenAsync).DisableAntiforgery();
        oauth.MapPost("/revoke", RevokeAsync).DisableAntiforgery();

        var api = app.MapGroup(FullscriptServerDirectory.SimulatorPath).ExcludeFromDescription().AddEndpointFilter(ApiBehaviourAsync);
        api.MapGet("/clinic", ClinicAsync);
        api.MapSimulatorClinicApi();
        return app;
    }

    /// <summary>What every API answer of Fullscript has: an X-Request-Id, the configured latency, and the rate limit.</summary>
    private static async ValueTask<object?> ApiBehaviourAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        AddRequestId(http);
        var services = http.RequestServices;
        if (services.GetRequiredService<SimulatorFaults>().Latency is { } latency && latency > TimeSpan.Zero)
            await Task.Delay(latency, http.RequestAborted); // network time, not business time: wall clock on purpose

        // The simulator knows one app, so the per-app limit is keyed by its client id.
        var clientId = services.GetRequiredService<SimulatedFullscript>().Options.ClientId;
        if (services.GetRequiredService<SimulatorRateLimiter>().TryAcquire(clientId) is { } wait)
            return RetryLater(http, 429, "rate_limited", "Rate limit of the app exceeded.", wait);
        return await next(context);
    }

    private static ValueTask<object?> NoStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        return next(context);
    }

    private static void AddRequestId(HttpContext http) => http.Response.Headers[FullscriptClient.RequestIdHeader] = Guid.NewGuid().ToString();

    private static JsonHttpResult<SimError> RetryLater(HttpContext http, int status, string code, string description, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return OAuthError(status, code, description);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, SimulatedFullscript fullscript,
        [FromQuery(Name = "client_id")] string? clientId, [FromQuery(Name = "redirect_uri")] string? redirectUri,
        [FromQuery(Name = "response_type")] string? responseType, string? state,
        [FromQuery(Name = "code_challenge")] string? codeChallenge, [FromQuery(Name = "code_challenge_method")] string? codeChallengeMethod)
    {
        // RFC 6749 3.1: no parameter twice. Without one client and one redirect URI there is nowhere safe to send an error.
        var query = http.Request.Query;
        if (query["client_id"].Count > 1 || query["redirect_uri"].Count > 1)
            return Results.BadRequest("client_id and redirect_uri must each be sent once.");
        if (!fullscript.IsKnownClient(clientId) || !fullscript.IsRegisteredRedirect(redirectUri, OwnCallbackUrl(http)))
            return Results.NotFound();
        if (query.Any(parameter => parameter.Value.Count > 1))
            return Results.Redirect(BackTo(redirectUri!, null, ("error", "invalid_request")));
        if (responseType != "code")
            return Results.Redirect(BackTo(redirectUri!, state, ("error", "unsupported_response_type")));
        if (codeChallenge is not null && codeChallengeMethod != "S256")
            return Results.Redirect(BackTo(redirectUri!, state, ("error", "invalid_request")));

        return new RazorComponentResult<ConsentPage>(new
        {
            AppName = fullscript.Options.AppName,
            ClientId = clientId,
            RedirectUri = redirectUri,
            State = state,
            CodeChallenge = codeChallenge,
            PreselectedUserId = (await ConsentPreselection.ForAsync(http, state))?.Id,
        });
    }

    private static async Task<IResult> DecideAsync(HttpContext http, SimulatedFullscript fullscript, IAntiforgery antiforgery)
    {
        if (await ReadConsentFormAsync(http, antiforgery) is not { } form)
            return Results.BadRequest("This consent form expired or could not be read. Go back to the portal and press Connect again.");
        string? Field(string name) => form[name] is { Count: 1 } value ? value.ToString() : null;

        var (clientId, redirectUri, state) = (Field("client_id"), Field("redirect_uri"), Field("state"));
        if (!fullscript.IsKnownClient(clientId) || !fullscript.IsRegisteredRedirect(redirectUri, OwnCallbackUrl(http)))
            return Results.NotFound();
        if (Field("decision") != "approve")
            return Results.Redirect(BackTo(redirectUri!, state, ("error", "access_denied")));
        if (SimulatedDirectory.Find(Field("user_id")) is not { } user)
            return Results.BadRequest("Pick a Fullscript user to sign in as.");

        var code = await fullscript.IssueCodeAsync(clientId!, redirectUri!, user, Field("code_challenge"), http.RequestAborted);
        return Results.Redirect(BackTo(redirectUri!, state, ("code", code)));
    }

    /// <summary>The posted consent form when it is a form with a valid antiforgery token; null for anything else, however
    /// malformed (over the form limits, broken multipart, a body cut short).</summary>
    private static async Task<IFormCollection?> ReadConsentFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http)
                ? await http.Request.ReadFormAsync(http.RequestAborted)
                : null;
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static async Task<IResult> TokenAsync(HttpContext http, SimulatedFullscript fullscript)
    {
        var (request, refused) = await SimulatorRequestBody.ReadJsonAsync(http, SimulatorJson.Default.SimTokenRequest);
        if (request is null) return refused!;
        if (!fullscript.IsClient(request.ClientId, request.ClientSecret)) return InvalidClient(http);
        if (string.IsNullOrEmpty(request.GrantType)) return OAuthError(400, "invalid_request", "grant_type is required.");

        if (TakeInjectedFailure(http) is { } injected) return injected;

        var outcome = request.GrantType switch
        {
            "authorization_code" => await fullscript.ExchangeCodeAsync(request.ClientId!, request.Code, request.RedirectUri, request.CodeVerifier, http.RequestAborted),
            "refresh_token" => await fullscript.RefreshAsync(request.ClientId!, request.RefreshToken, http.RequestAborted),
            _ => SimTokenOutcome.Error(400, "unsupported_grant_type", "The grant_type is not supported."),
        };
        if (outcome.Tokens is not { } tokens) return OAuthError(outcome.Status, outcome.ErrorCode!, outcome.Description!);

        if (http.RequestServices.GetRequiredService<SimulatorFaults>().TakeDroppedResponse())
        {
            // The tokens are issued and stored; the answer never arrives.
            http.Abort();
            return Results.Empty;
        }

        return Results.Json(new SimTokenEnvelope(new SimOAuthBody(
            tokens.AccessToken, "Bearer", tokens.ExpiresIn, tokens.RefreshToken, tokens.Scope,
            tokens.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            new SimResourceOwner(tokens.OwnerId, tokens.OwnerType))), SimulatorJson.Default.SimTokenEnvelope);
    }

    /// <summary>A failure the control surface asked for, met by the OAuth endpoints (token and revoke) before any work.</summary>
    private static JsonHttpResult<SimError>? TakeInjectedFailure(HttpContext http) =>
        http.RequestServices.GetRequiredService<SimulatorFaults>().TakeTokenCallFailure() switch
        {
            null => null,
            { Status: 429, RetryAfterSeconds: var seconds } => RetryLater(http, 429, "rate_limited", "Too many requests.", TimeSpan.FromSeconds(seconds ?? 0)),
            var (status, _) => OAuthError(status, "temporarily_unavailable", "The simulator was told to fail this call."),
        };

    private static async Task<IResult> RevokeAsync(HttpContext http, SimulatedFullscript fullscript)
    {
        var (request, refused) = await SimulatorRequestBody.ReadJsonAsync(http, SimulatorJson.Default.SimRevokeRequest);
        if (request is null) return refused!;
        if (!fullscript.IsClient(request.ClientId, request.ClientSecret)) return InvalidClient(http);
        if (string.IsNullOrEmpty(request.Token)) return OAuthError(400, "invalid_request", "token is required.");
        if (TakeInjectedFailure(http) is { } injected) return injected;

        await fullscript.RevokeTokenAsync(request.ClientId!, request.Token, http.RequestAborted);
        return Results.Json(new SimEmpty(), SimulatorJson.Default.SimEmpty);
    }

    /// <summary>RFC 6749 5.2: a 401 for failed client authentication names the scheme to authenticate with.</summary>
    private static JsonHttpResult<SimError> InvalidClient(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Fullscript simulator\"";
        return OAuthError(401, "invalid_client", "Client authentication failed.");
    }

    private static async Task<IResult> ClinicAsync(HttpContext http, SimulatedFullscript fullscript)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        if (string.IsNullOrEmpty(token) || await fullscript.ClinicForAsync(token, http.RequestAborted) is not { } clinic)
        {
            http.Response.Headers.WWWAuthenticate = SimulatorBearer.Challenge;
            return OAuthError(401, "invalid_token", "The access token is invalid, expired or revoked.");
        }
        return Results.Json(new SimClinicEnvelope(new SimClinicBody(clinic.Id, clinic.Name)), SimulatorJson.Default.SimClinicEnvelope);
    }

    internal static JsonHttpResult<SimError> OAuthError(int status, string code, string description) =>
        TypedResults.Json(new SimError(code, description), SimulatorJson.Default.SimError, statusCode: status);

    private static string OwnCallbackUrl(HttpContext http) =>
        UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, ConnectEndpoints.CallbackPath);

    private static string BackTo(string redirectUri, string? state, (string Name, string Value) result)
    {
        var query = new Dictionary<string, string?> { [result.Name] = result.Value };
        if (state is not null) query["state"] = state;
        return QueryHelpers.AddQueryString(redirectUri, query);
    }
}
