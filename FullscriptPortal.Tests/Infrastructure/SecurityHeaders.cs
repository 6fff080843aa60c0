namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Reads and checks the security headers of one response.</summary>
public static class SecurityHeaders
{
    /// <summary>The header's value as sent (response or content headers), or null.</summary>
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>The Content-Security-Policy as directive name to its sources.</summary>
    public static Dictionary<string, string[]> ContentSecurityPolicy(this HttpResponseMessage response) =>
        (response.Header("Content-Security-Policy") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..]);

    /// <summary>The headers every page, redirect and endpoint of the portal carries.</summary>
    public static void ShouldCarryTheBaselineHeaders(this HttpResponseMessage response, string what)
    {
        response.Header("X-Content-Type-Options").Should().Be("nosniff", what);
        response.Header("Referrer-Policy").Should().Be("no-referrer", what);
        response.Header("Permissions-Policy").Should().Contain("camera=()", what).And.Contain("microphone=()").And.Contain("geolocation=()");
    }

    /// <summary>The baseline plus a Content-Security-Policy that allows scripts from this site only and nothing to be
    /// embedded or to frame the portal.</summary>
    public static void ShouldCarryThePortalPolicy(this HttpResponseMessage response, string what)
    {
        response.ShouldCarryTheBaselineHeaders(what);
        var csp = response.ContentSecurityPolicy();
        csp.Should().ContainKey("default-src", what).WhoseValue.Should().Equal(["'self'"], what);
        csp.Should().ContainKey("script-src", what).WhoseValue.Should().Contain("'self'", what)
            .And.NotContain(["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:"], "scripts come from the portal only, or carry the request's nonce");
        csp.Should().ContainKey("object-src").WhoseValue.Should().Equal(["'none'"], what);
        csp.Should().ContainKey("frame-ancestors").WhoseValue.Should().Equal(["'self'"], what);
        csp.Should().ContainKey("base-uri").WhoseValue.Should().Equal(["'self'"], what);
        csp.Should().ContainKey("form-action").WhoseValue.Should().Equal(["'self'"], what);
        csp.Should().ContainKey("connect-src").WhoseValue.Should().Equal(["'self'"], what);
        response.Header("X-Frame-Options").Should().Be("SAMEORIGIN", what);
        response.Header("Cross-Origin-Opener-Policy").Should().Be("same-origin", what);
    }

    public static void ShouldNotBeStored(this HttpResponseMessage response, string what) =>
        (response.Headers.CacheControl?.NoStore ?? false).Should().BeTrue("{0} must not be kept by any cache (Cache-Control: {1})", what, response.Header("Cache-Control"));
}
