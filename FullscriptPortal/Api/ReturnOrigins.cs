namespace FullscriptPortal.Api;

/// <summary>Where a connect link may send a person back to: only origins support allowed on the key.</summary>
public static class ReturnOrigins
{
    /// <summary>"https://host[:port]" in lower case, or null when <paramref name="value"/> is not an https origin (a
    /// loopback http origin is allowed for local development).</summary>
    public static string? Normalize(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0) return null;
        var secure = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        return secure ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() : null;
    }

    /// <summary>True when <paramref name="returnUrl"/> is an absolute URL on one of <paramref name="allowed"/>.</summary>
    public static bool Allows(IEnumerable<string> allowed, string returnUrl) =>
        Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0
        && allowed.Contains(uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant(), StringComparer.Ordinal);
}
