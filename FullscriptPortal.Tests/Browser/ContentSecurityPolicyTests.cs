using System.Collections.Concurrent;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The Content-Security-Policy and Permissions-Policy as Chromium enforces them: every page a person visits,
/// the simulator's consent page and the API reference work with no violation reported.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _documentsWithoutPolicy = new();
    private int _documents;

    [Fact]
    public async Task Signing_in_connecting_and_every_audiences_pages_run_without_a_policy_violation()
    {
        await using var lee = await WatchedPageAsync();
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");
        await lee.GotoAsync("/not-found");

        await using var manager = await WatchedPageAsync();
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");
        await Expect(manager.Page.Locator("tr", new() { HasText = "Sam Front" })).ToBeVisibleAsync();

        await using var support = await WatchedPageAsync();
        await support.SignInWithCookieAsync(DemoPeople.Support);
        await support.GotoAsync("/support");
        await support.Page.GetByRole(AriaRole.Tab, new() { Name = "All connections" }).ClickAsync();
        await Expect(support.Page.Locator("tr", new() { HasText = "Dr. Jordan Lee" }).First).ToBeVisibleAsync();

        _violations.Should().BeEmpty();
        _documentsWithoutPolicy.Should().BeEmpty("every page is served with the policy");
        _documents.Should().BeGreaterThanOrEqualTo(6, "the sign-in page, dashboards, consent page and other pages were loaded");
    }

    [Fact]
    public async Task The_API_reference_renders_under_its_own_policy_without_a_violation()
    {
        await using var reader = await WatchedPageAsync();

        await reader.Page.GotoAsync(reader.Url("/scalar/v1"));

        await Expect(reader.Page.GetByText("FullscriptPortal API").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Expect(reader.Page.GetByText("access-token", new() { Exact = false }).First).ToBeAttachedAsync(new() { Timeout = 15000 });
        _violations.Should().BeEmpty();
        _documentsWithoutPolicy.Should().BeEmpty();
    }

    /// <summary>A page that reports every <c>securitypolicyviolation</c> event, every console line about a policy, and
    /// every page (document) that arrives without a Content-Security-Policy.</summary>
    private async Task<PortalPage> WatchedPageAsync()
    {
        var page = await PortalPage.OpenAsync(browser, Portal);
        await page.Page.Context.ExposeFunctionAsync("reportPolicyViolation", (string violation) => _violations.Enqueue(violation));
        await page.Page.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.reportPolicyViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`));
            """);
        page.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.Ordinal))
                _violations.Enqueue($"console {message.Type}: {message.Text}");
        };
        page.Page.Response += (_, response) =>
        {
            if (response.Request.ResourceType != "document" || response.Status != 200) return;
            Interlocked.Increment(ref _documents);
            if (!response.Headers.ContainsKey("content-security-policy")) _documentsWithoutPolicy.Enqueue(response.Url);
        };
        return page;
    }

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
