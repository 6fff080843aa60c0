using System.Net;
using FullscriptPortal.Security;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Security;

/// <summary>A production portal behind a TLS-terminating proxy on the same machine (loopback, trusted by default) and
/// one more proxy and network named in settings: HSTS over https, https redirection for plain http, <c>__Host-</c>
/// Secure cookies, and forwarded headers believed from those proxies only.</summary>
public sealed class ProductionTransportTests(ProductionTransportTests.Portal production) : IClassFixture<ProductionTransportTests.Portal>
{
    public sealed class Portal : IDisposable
    {
        public PortalFactory Factory { get; } = ProductionPortal.Create(settings =>
        {
            settings["https_port"] = "443";
            settings["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3";
            settings["ForwardedHeaders:KnownNetworks:0"] = "10.9.0.0/16";
        });

        public void Dispose() => Factory.Dispose();
    }

    private PortalFactory Factory => production.Factory;

    [Fact]
    public async Task Over_https_every_response_carries_HSTS_for_a_year_with_subdomains()
    {
        using var browser = Factory.NewProxiedSession();

        var signIn = await browser.Http.GetAsync("/account/signin");
        var redirect = await browser.Http.GetAsync("/");
        var error = await browser.Http.GetAsync("/error");

        foreach (var (response, what) in new[] { (signIn, "the sign-in page"), (redirect, "the redirect to sign-in"), (error, "the error page") })
        {
            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
            response.Header("Strict-Transport-Security").Should().Be("max-age=31536000; includeSubDomains", what);
            response.ShouldCarryThePortalPolicy(what);
            response.ShouldNotBeStored(what);
        }
        (await error.Content.ReadAsStringAsync()).Should().Contain("Something went wrong");
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_gets_no_HSTS()
    {
        using var plain = Factory.NewSession();

        var response = await plain.Http.GetAsync("/account/signin?x=1");

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.AbsoluteUri.Should().Be($"https://{Factory.ServerAddress.Host}/account/signin?x=1");
        response.Header("Strict-Transport-Security").Should().BeNull("HSTS over plain http means nothing and is not sent");
    }

    [Fact]
    public async Task The_sign_in_and_antiforgery_cookies_are_host_prefixed_secure_and_http_only_and_work_behind_the_proxy()
    {
        using var browser = Factory.NewProxiedSession();

        var form = await browser.Http.GetAsync("/account/signin");
        var antiforgery = SetCookie(form, PortalCookies.HostPrefix + PortalCookies.Antiforgery);
        var signIn = await SignInResponseAsync(browser);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var auth = SetCookie(signIn, PortalCookies.HostPrefix + PortalCookies.Auth);
        var dashboard = await browser.Http.GetAsync("/");

        antiforgery.Should().Contain("path=/").And.Contain("secure").And.Contain("httponly").And.Contain("samesite=strict").And.NotContain("domain=");
        auth.Should().Contain("path=/").And.Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.NotContain("domain=");
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK, "the Secure cookie comes back over the proxied https");
        dashboard.ShouldCarryThePortalPolicy("the dashboard");
        dashboard.ShouldNotBeStored("the dashboard");
        dashboard.Header("Strict-Transport-Security").Should().NotBeNull();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.9.200.7", true)]
    [InlineData("10.1.2.4", false)]
    [InlineData("198.51.100.7", false)]
    public async Task Forwarded_headers_are_believed_from_loopback_and_the_configured_proxies_only(string peer, bool believed)
    {
        var options = Factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>();
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, options);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Request.Scheme = "http";
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        http.Request.Headers["X-Forwarded-Proto"] = "https";

        await middleware.Invoke(http);

        (http.Request.Scheme, http.Connection.RemoteIpAddress!.ToString()).Should().Be(believed ? ("https", "203.0.113.9") : ("http", peer));
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_stops_start_up_naming_the_setting()
    {
        using var portal = ProductionPortal.Create(settings => settings["ForwardedHeaders:KnownProxies:0"] = "proxy.internal");

        var start = () => portal.StartServer();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ForwardedHeaders:KnownProxies:0 ('proxy.internal')");
    }

    /// <summary>Signs in by hand to see the answer's Set-Cookie (the session's helper only checks the redirect).</summary>
    private static async Task<HttpResponseMessage> SignInResponseAsync(PortalSession browser)
    {
        var page = await browser.Http.GetStringAsync("/account/signin");
        return await browser.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(page, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = DemoPeople.DrLee,
            ["Form.Password"] = FullscriptPortal.Auth.DemoSeed.Password,
        }));
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith(name + "=", StringComparison.Ordinal), "{0} is set", name)
            .Which.ToLowerInvariant();
}
