using Microsoft.Extensions.Primitives;

namespace FullscriptPortal.Security;

/// <summary>Every response that does not say how it may be cached gets <c>Cache-Control: no-store</c>: pages, redirects,
/// the OAuth legs, the CSV export and the API all carry personal data or one-time values that no browser or proxy cache
/// should keep. Static files say otherwise (fingerprinted assets are immutable), so they keep their own caching.</summary>
public static class NoStoreByDefault
{
    public static IApplicationBuilder UseNoStoreByDefault(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (StringValues.IsNullOrEmpty(http.Response.Headers.CacheControl)) http.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(http);
        });
}
