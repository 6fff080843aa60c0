using System.Net;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A portal set up as a production deployment must be (<see cref="ProductionSettings.InProduction"/>), with the
/// demo people seeded so there is someone to sign in as. It runs on plain-http loopback like every test portal;
/// <see cref="NewProxiedSession"/> talks to it as a TLS-terminating proxy on the same machine would.</summary>
public static class ProductionPortal
{
    public static PortalFactory Create(Action<IDictionary<string, string?>>? configure = null)
    {
        var portal = new PortalFactory().InProduction();
        portal.Settings["Demo:Seed"] = "true";
        configure?.Invoke(portal.Settings);
        return portal;
    }

    /// <summary>The public name the proxy serves the portal under (HSTS is never sent for a loopback host name).</summary>
    public const string PublicHost = "portal.example.com";

    /// <summary>A browser behind the proxy: every request says it arrived over https (<c>X-Forwarded-Proto</c>, believed
    /// from loopback) for <see cref="PublicHost"/>. Cookies are kept by hand, since a cookie container sends no Secure
    /// cookie over plain http. Requests to absolute URLs on the public host go to the portal, as through the proxy.</summary>
    public static PortalSession NewProxiedSession(this PortalFactory portal)
    {
        var handler = new ForwardedHttpsHandler(portal.ServerAddress) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } };
        return new PortalSession(portal, new HttpClient(handler) { BaseAddress = portal.ServerAddress }, new CookieContainer());
    }

    private sealed class ForwardedHttpsHandler(Uri portal) : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { Host: PublicHost } publicUri)
                request.RequestUri = new UriBuilder(publicUri) { Scheme = portal.Scheme, Host = portal.Host, Port = portal.Port }.Uri;
            if (!request.Headers.Contains("X-Forwarded-Proto")) request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Host = PublicHost;
            lock (_cookies)
            {
                if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (_cookies)
                {
                    foreach (var setCookie in setCookies)
                    {
                        var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                        if (pair.Length == 2 && pair[1].Length > 0) _cookies[pair[0]] = pair[1];
                        else _cookies.Remove(pair[0]);
                    }
                }
            }
            return response;
        }
    }
}
