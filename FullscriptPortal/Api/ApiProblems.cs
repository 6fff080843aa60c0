using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FullscriptPortal.Api;

/// <summary>Every error the API answers, as RFC 9457 problem details with a stable <c>type</c> per case, so a program
/// branches on the type and a person reads the detail.</summary>
public static class ApiProblems
{
    /// <summary>Relative to the portal; each type is described at its own address (<c>ApiProblemDocs</c>).</summary>
    public const string TypeBase = "/api/problems/";

    public const string InvalidRequest = "invalid-request";
    public const string Unauthenticated = "unauthenticated";
    public const string NotAllowed = "forbidden";
    public const string NotFoundType = "not-found";
    public const string NeedsReconnectType = "needs-reconnect";
    public const string NotConnectedType = "not-connected";
    public const string FullscriptUnavailableType = "fullscript-unavailable";
    public const string RateLimitedType = "rate-limited";
    public const string ConflictType = "conflict";

    public static IResult Invalid(string detail, IDictionary<string, string[]>? errors = null) =>
        Problem(StatusCodes.Status400BadRequest, InvalidRequest, "The request is not valid.", detail,
            errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, Unauthenticated, "A valid API key is needed.", detail);

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, NotAllowed, "This API key may not do that.", detail);

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, NotFoundType, "Not found.", detail);

    public static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, InvalidRequest, "The request is too large.", detail);

    public static IResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, ConflictType, "The request conflicts with what is stored.", detail);

    /// <summary>409 with a connect link the backend can hand to the person, so they can authorize again.</summary>
    public static IResult NeedsReconnect(string type, string detail, string? connectLink, DateTimeOffset? linkExpiresAt) =>
        Problem(StatusCodes.Status409Conflict, type, type == NeedsReconnectType ? "The connection needs reconnecting." : "The person is not connected.", detail,
            new Dictionary<string, object?> { ["connect_link"] = connectLink, ["connect_link_expires_at"] = linkExpiresAt });

    public static IResult FullscriptUnavailable(string detail, TimeSpan retryAfter) =>
        new RetryAfterResult(Problem(StatusCodes.Status503ServiceUnavailable, FullscriptUnavailableType, "Fullscript is not answering.", detail), retryAfter);

    public static IResult RateLimited(TimeSpan retryAfter) =>
        new RetryAfterResult(Problem(StatusCodes.Status429TooManyRequests, RateLimitedType, "Too many requests.",
            "This API key sent more requests than its rate limit allows; try again after Retry-After seconds."), retryAfter);

    private static ProblemHttpResult Problem(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + slug, extensions: extensions);

    /// <summary>Adds <c>Retry-After</c> (whole seconds, at least 1) to a problem.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
