using System.Net;
using System.Text.RegularExpressions;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Security;

/// <summary>Every response carries the security headers; pages, redirects, the OAuth legs, the export and the API's
/// tokens are never stored by a cache; static assets keep their own caching. Development, over plain http.</summary>
[Collection(SharedPortal.Pages)]
public sealed partial class SecurityHeadersTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task The_redirect_to_sign_in_and_the_sign_in_page_carry_the_policy_and_are_not_stored()
    {
        using var browser = factory.NewSession();

        var redirect = await browser.Http.GetAsync("/");
        var signIn = await browser.Http.GetAsync("/account/signin");

        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (response, what) in new[] { (redirect, "the redirect to sign-in"), (signIn, "the sign-in page") })
        {
            response.ShouldCarryThePortalPolicy(what);
            response.ShouldNotBeStored(what);
        }
    }

    [Fact]
    public async Task The_dashboard_allows_only_its_own_scripts_and_its_one_inline_script_by_a_fresh_nonce()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var first = await browser.Http.GetAsync("/");
        var second = await browser.Http.GetAsync("/");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.ShouldCarryThePortalPolicy("the dashboard");
        first.ShouldNotBeStored("the dashboard");
        var nonce = Nonce(first);
        Nonce(second).Should().NotBe(nonce, "a nonce is good for one response only");
        var html = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        var inlineScripts = InlineScript().Matches(html).Select(m => m.Value).ToList();
        inlineScripts.Should().ContainSingle("the import map is the page's only inline script")
            .Which.Should().Contain("type=\"importmap\"").And.Contain($"nonce=\"{nonce}\"");
    }

    [Fact]
    public async Task The_connect_start_and_the_callback_are_never_stored()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var start = await browser.Http.GetAsync("/connect/fullscript");
        var callback = await browser.Http.GetAsync("/oauth/fullscript/callback?state=forged&code=x");

        foreach (var (response, what) in new[] { (start, "the connect start"), (callback, "the OAuth callback") })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.ShouldCarryThePortalPolicy(what);
            response.ShouldNotBeStored(what);
        }
    }

    [Fact]
    public async Task The_CSV_export_is_not_stored_and_not_sniffed()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);

        var export = await manager.Http.GetAsync("/people/export.csv");

        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        export.ShouldCarryTheBaselineHeaders("the CSV export");
        export.ShouldNotBeStored("the CSV export");
    }

    [Fact]
    public async Task The_not_found_page_carries_the_policy()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var missing = await browser.Http.GetAsync("/no-such-page");
        var notFound = await browser.Http.GetAsync("/not-found");

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("Nothing here", "a missing page shows the portal's page, not the browser's error");
        notFound.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (response, what) in new[] { (missing, "a missing page"), (notFound, "the not-found page") })
        {
            response.ShouldCarryThePortalPolicy(what);
            response.ShouldNotBeStored(what);
        }
    }

    [Fact]
    public async Task A_fresh_access_token_from_the_API_is_not_stored()
    {
        using (var browser = factory.NewSession()) await browser.ConnectAsync(DemoPeople.DrLee);
        await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, "dr-lee")));
        using var backend = await BackendClient.CreateAsync(factory);

        var token = await backend.PostAsync("/api/v1/users/dr-lee/connection/access-token");

        token.StatusCode.Should().Be(HttpStatusCode.OK);
        (await token.Content.ReadAsStringAsync()).Should().Contain("access_token");
        token.ShouldCarryTheBaselineHeaders("the API's token response");
        token.ShouldNotBeStored("the API's token response");
    }

    [Fact]
    public async Task Static_assets_keep_their_own_caching_and_there_is_no_HSTS_in_development()
    {
        using var browser = factory.NewSession();
        var request = new HttpRequestMessage(HttpMethod.Get, "/app.css");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = ProductionPortal.PublicHost;

        var stylesheet = await browser.Http.SendAsync(request);
        var logo = await browser.Http.GetAsync("/brand/fullscript-mark.svg");

        stylesheet.StatusCode.Should().Be(HttpStatusCode.OK);
        stylesheet.Headers.CacheControl!.NoStore.Should().BeFalse("static files say how they may be cached");
        logo.Headers.CacheControl!.MaxAge.Should().BeGreaterThan(TimeSpan.Zero);
        stylesheet.Header("Strict-Transport-Security").Should().BeNull("a developer's browser must not pin localhost to https");
        stylesheet.ShouldCarryTheBaselineHeaders("a static asset");
    }

    private static string Nonce(HttpResponseMessage response) =>
        response.ContentSecurityPolicy()["script-src"].Single(s => s.StartsWith("'nonce-", StringComparison.Ordinal))["'nonce-".Length..^1];

    /// <summary>A script element without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
