namespace FullscriptPortal.Simulator;

/// <summary>Refuses a request a browser made for another site: a cross-site form can post without a body (the revoke), so
/// JSON bodies alone do not keep other pages out. Browsers say where a request came from (<c>Sec-Fetch-Site</c>, and
/// <c>Origin</c> on posts); scripts and tests send neither and pass.</summary>
internal static class SameOriginOnly
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsCrossSite(context.HttpContext.Request)
            ? Results.Text("The simulator's controls refuse requests made by another site's page.", statusCode: StatusCodes.Status403Forbidden)
            : await next(context);

    public static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none")) return true;

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
