using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace FullscriptPortal.Security;

/// <summary>The security headers on every response (NetEscapades.AspNetCore.SecurityHeaders). The Content-Security-Policy
/// fits Blazor Server and MudBlazor: scripts only from this site (Blazor Server needs no eval; the one inline script, the
/// import map, carries the request's nonce), styles from this site plus inline ones (MudBlazor writes style attributes
/// and its theme's CSS variables inline), the circuit's WebSocket to this site only, nothing embedded, no framing by
/// others.</summary>
public static class PortalSecurityHeaders
{
    public const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    /// <summary>The API reference (Scalar, mapped in Development only) runs an inline start-up module, evaluates code and
    /// starts workers: it gets those allowances, and only under its own path.</summary>
    public const string ScalarPolicy = "scalar";
    public const string ScalarPath = "/scalar";

    public static void Configure(SecurityHeaderPolicyBuilder policies, bool development)
    {
        policies.SetDefaultPolicy(headers => Common(headers, development).AddContentSecurityPolicy(csp =>
        {
            Baseline(csp);
            csp.AddScriptSrc().Self().WithNonce();
        }));
        policies.AddPolicy(ScalarPolicy, headers => Common(headers, development).AddContentSecurityPolicy(csp =>
        {
            Baseline(csp);
            csp.AddScriptSrc().Self().UnsafeInline().UnsafeEval();
            csp.AddWorkerSrc().Self().Blob();
        }));
        policies.SetPolicySelector(context => context.HttpContext.Request.Path.StartsWithSegments(ScalarPath)
            ? context.ConfiguredPolicies[ScalarPolicy]
            : context.SelectedPolicy);
    }

    private static void Baseline(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        // 'self' covers the circuit's ws:/wss: to this host in CSP Level 3 browsers.
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddFrameAncestors().Self();
        csp.AddBaseUri().Self();
        // Forms post to the portal only (sign-in, sign-out, the simulator's consent page); the connect flow leaves for
        // Fullscript by redirect, not by form.
        csp.AddFormAction().Self();
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection headers, bool development)
    {
        headers.AddContentTypeOptionsNoSniff()
            .AddFrameOptionsSameOrigin()
            // The dashboard's address after a callback still names the spent state and the consent page's URL: no
            // other site hears it.
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(opener => opener.SameOrigin())
            .AddPermissionsPolicy(features =>
            {
                features.AddAccelerometer().None();
                features.AddCamera().None();
                features.AddDisplayCapture().None();
                features.AddGeolocation().None();
                features.AddGyroscope().None();
                features.AddMagnetometer().None();
                features.AddMicrophone().None();
                features.AddMidi().None();
                features.AddPayment().None();
                features.AddUsb().None();
            });
        // Sent on https responses only, and never for a loopback host name (the library's rules); not in Development,
        // where a browser must not pin the developer's host to https.
        if (!development) headers.AddStrictTransportSecurityMaxAgeIncludeSubDomains(HstsMaxAgeSeconds);
        return headers;
    }
}
