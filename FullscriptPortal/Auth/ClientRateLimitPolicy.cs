using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>The per-client limit (<see cref="RateLimitOptions.Links"/>) on the requests <paramref name="appliesTo"/> picks;
/// every other request on the endpoint passes unlimited. A refused request gets 429, Retry-After and a sentence a person
/// can act on (its own answer, not the API's problem details).</summary>
public sealed class ClientRateLimitPolicy(Func<HttpContext, bool> appliesTo) : IRateLimiterPolicy<string>
{
    public const string Message = "Too many requests from this network. Wait a minute and try again.";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!appliesTo(httpContext)) return RateLimitPartition.GetNoLimiter("");
        var limit = httpContext.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.Links;
        return RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.ClientKey(httpContext.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests · FullscriptPortal</title></head><body><h1>Too many requests</h1><p>{Message}</p></body></html>", cancellationToken);
    }
}
