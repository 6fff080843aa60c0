using System.Security.Claims;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Lifecycle;
using Yarp.ReverseProxy.Forwarder;

namespace FullscriptPortal.Api;

/// <summary><c>/api/v1/users/{externalId}/fullscript/{**path}</c>: the backend calls Fullscript as the person, without
/// ever holding their token. Forwarded with YARP to the connection's own server; a 401 from Fullscript refreshes once and
/// retries; Fullscript's status, body and X-Request-Id come back as they are; every attempt counts against the budget.</summary>
internal static class FullscriptProxy
{
    public const int MaxBodyBytes = 1024 * 1024;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromSeconds(30) };

    public static IServiceCollection AddFullscriptProxy(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddScoped<ApiTokens>();
        // One pooled invoker for every proxied call; the budget handler counts each attempt.
        services.AddSingleton(provider => new HttpMessageInvoker(new FullscriptBudgetHandler(provider.GetRequiredService<FullscriptBudget>())
        {
            InnerHandler = new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            },
        }));
        return services;
    }

    public static RouteGroupBuilder MapFullscriptProxy(this RouteGroupBuilder api)
    {
        api.MapMethods("/users/{externalId}/fullscript/{**path}", Methods, ForwardAsync).WithName("ProxyToFullscript")
            .WithSummary("Calls Fullscript's API as this person: the path after /fullscript/ goes to the connection's own server with their access token.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> ForwardAsync(string externalId, string? path, HttpContext http, ClaimsPrincipal client, ApiTokens tokens,
        FullscriptServerDirectory servers, IHttpForwarder forwarder, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        if (!IsSafePath(path)) return ApiProblems.Invalid("The Fullscript path must be relative, such as clinic/patients, without '..' or '//'.");
        if (http.Request.ContentLength > MaxBodyBytes)
            return ApiProblems.TooLarge($"Bodies sent to Fullscript through the portal are at most {MaxBodyBytes / 1024} KB.");
        // Kept so a retry after a refresh can send the same body again.
        http.Request.EnableBuffering(MaxBodyBytes, MaxBodyBytes);

        var (token, problem) = await tokens.GetAsync(http, client, externalId, TimeSpan.Zero, force: false, cancellationToken);
        if (token is null) return problem!;
        var apiBase = servers.ApiBase(token.ServerKey);

        var first = new FullscriptProxyTransformer(apiBase, path!, token.AccessToken, holdBackUnauthorized: true);
        var error = await forwarder.SendAsync(http, apiBase.AbsoluteUri, invoker, RequestConfig, first, cancellationToken);
        if (first.HeldBackUnauthorized)
        {
            // The token may be stale on Fullscript's side: one forced refresh, then one more try, whatever it answers.
            (token, problem) = await tokens.GetAsync(http, client, externalId, TimeSpan.Zero, force: true, cancellationToken);
            if (token is null) return problem!;
            http.Request.Body.Position = 0;
            error = await forwarder.SendAsync(http, apiBase.AbsoluteUri, invoker, RequestConfig,
                new FullscriptProxyTransformer(apiBase, path!, token.AccessToken, holdBackUnauthorized: false), cancellationToken);
        }
        if (error != ForwarderError.None && !http.Response.HasStarted)
            return ApiProblems.FullscriptUnavailable($"Fullscript did not answer ({error}).", TimeSpan.FromSeconds(30));
        return Results.Empty;
    }

    /// <summary>A path under the connection's API base, never a way out of it.</summary>
    internal static bool IsSafePath(string? path) =>
        path is { Length: > 0 and <= 500 }
        && !path.StartsWith('/') && !path.Contains("//", StringComparison.Ordinal)
        && path.Split('/').All(segment => segment is not ("." or ".."))
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');
}
