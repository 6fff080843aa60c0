using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The portal as people use it: real Chromium against the real app on a loopback port, real time.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserFlowTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    public static TimeSpan ReadCountdown(string text)
    {
        var parts = text.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length == 3 ? new TimeSpan(parts[0], parts[1], parts[2]) : new TimeSpan(0, parts[0], parts[1]);
    }

    [Fact]
    public async Task A_practitioner_connects_watches_the_countdown_and_disconnects()
    {
        await using var lee = await PortalPage.OpenAsync(browser, Portal);
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("NotConnected");

        await lee.ConnectAsync(DemoPeople.DrLee);

        await lee.ExpectStateAsync("Active");
        var countdown = lee.Page.Locator("[data-testid=countdown]");
        var first = await countdown.InnerTextAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5000 });
        ReadCountdown(await countdown.InnerTextAsync()).Should().BeLessThan(ReadCountdown(first), "the countdown ticks without a reload");
        await lee.ScreenshotAsync("practitioner-active");

        await lee.Page.ClickAsync("[data-testid=disconnect-button]");
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();

        await lee.ExpectStateAsync("Revoked");
        await Expect(lee.Page.Locator("[data-testid=connect-button]")).ToContainTextAsync("Reconnect");
    }

    [Fact]
    public async Task A_manager_invites_a_staff_member_who_connects_and_the_grid_updates_live()
    {
        await using var manager = await PortalPage.OpenAsync(browser, Portal);
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");
        var samRow = manager.Page.Locator("tr", new() { HasText = "Sam Front" });
        await Expect(samRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Not connected");
        await samRow.Locator("[data-testid=row-actions] button").ClickAsync();
        await manager.Page.ClickAsync("[data-testid=action-Invite]");
        var link = await manager.Page.Locator("[data-testid=invite-link]").InputValueAsync();
        await manager.ScreenshotAsync("manager-invite");
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await using var sam = await PortalPage.OpenAsync(browser, Portal);
        await sam.SignInWithCookieAsync(DemoPeople.SamFront);
        await sam.Page.GotoAsync(link);
        await sam.Page.WaitForURLAsync("**/simulator/api/oauth/authorize**");
        await sam.Page.CheckAsync($"input[value=\"{DemoPeople.FullscriptIdOf(DemoPeople.SamFront)}\"]");
        await sam.Page.ClickAsync("button[value=approve]");
        await sam.WaitUntilInteractiveAsync();
        await sam.ExpectStateAsync("Active");

        await Expect(samRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Active", new() { Timeout = 3000 });
    }

    [Fact]
    public async Task Support_revokes_with_a_reason_and_the_practitioners_open_dashboard_turns_revoked()
    {
        await using var lee = await PortalPage.OpenAsync(browser, Portal);
        await lee.SignInWithCookieAsync(DemoPeople.DrLee);
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");

        await using var support = await PortalPage.OpenAsync(browser, Portal);
        await support.SignInWithCookieAsync(DemoPeople.Support);
        await support.GotoAsync("/support");
        await support.Page.GetByRole(AriaRole.Tab, new() { Name = "All connections" }).ClickAsync();
        var row = support.Page.Locator("tr", new() { HasText = "Dr. Jordan Lee" });
        await row.Locator("[data-testid=row-actions] button").ClickAsync();
        await support.Page.ClickAsync("[data-testid=action-Revoke]");
        await support.Page.FillAsync("[data-testid=revoke-reason]", "Left the practice");
        await support.Page.ClickAsync("[data-testid=confirm-revoke]");

        await lee.ExpectStateAsync("Revoked", timeoutMs: 2000);
        await Expect(lee.Page.Locator("[data-testid=state-sentence]")).ToContainTextAsync("Left the practice");
        await Expect(lee.Page.Locator("[data-testid=state-chip]")).ToContainTextAsync("Revoked by support");
        await lee.ScreenshotAsync("practitioner-revoked-by-support");
    }

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_needs_reconnecting_and_the_practitioner_reconnects()
    {
        await using var lee = await PortalPage.OpenAsync(browser, Portal);
        await lee.SignInWithCookieAsync(DemoPeople.DrLee);
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");

        await lee.GotoAsync("/simulator");
        await lee.Page.ClickAsync("[data-testid=revoke-grant]");
        await Expect(lee.Page.Locator("text=Revoked").First).ToBeVisibleAsync();
        await lee.GotoAsync("/");
        await lee.Page.ClickAsync("[data-testid=refresh-button]");

        await lee.ExpectStateAsync("NeedsReconnect");
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");
    }

    [Fact]
    public async Task Denying_consent_shows_a_clear_message_and_connects_nothing()
    {
        await using var sam = await PortalPage.OpenAsync(browser, Portal);
        await sam.SignInWithCookieAsync(DemoPeople.SamFront);

        await sam.ConnectAsync(DemoPeople.SamFront, approve: false);

        await Expect(sam.Page.Locator("[data-testid=flow-message]")).ToContainTextAsync("cancelled on Fullscript's consent page");
        await sam.ExpectStateAsync("NotConnected");
    }

    [Fact]
    public async Task Support_makes_an_api_key_that_the_backend_uses_and_revokes_it_and_adds_a_webhook_endpoint()
    {
        await using var support = await PortalPage.OpenAsync(browser, Portal);
        await support.SignInWithCookieAsync(DemoPeople.Support);
        await support.GotoAsync("/support/api-keys");
        await support.Page.Locator("[data-testid=key-name] input, input[data-testid=key-name]").First.FillAsync("EHR production");
        await support.Page.ClickAsync("[data-testid=create-key]");
        var secret = (await support.Page.Locator(".api-key-secret").InnerTextAsync()).Trim();
        await support.ScreenshotAsync("support-api-key-created");

        using var backend = new HttpClient { BaseAddress = Portal.ServerAddress };
        backend.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        (await backend.GetAsync("/api/v1/connections")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the key shown once works");

        await support.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke EHR production" }).ClickAsync();
        await support.Page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(support.Page.Locator("[data-testid=keys]")).ToContainTextAsync("Revoked");
        await Expect(support.Page.Locator(".api-key-secret")).ToHaveCountAsync(0);
        (await backend.GetAsync("/api/v1/connections")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized, "a revoked key is refused at once");

        await support.GotoAsync("/support/webhooks");
        await support.Page.Locator("[data-testid=webhook-url] input, input[data-testid=webhook-url]").First.FillAsync("https://ehr.example.com/webhooks/fullscript");
        await support.Page.ClickAsync("[data-testid=create-webhook]");
        await Expect(support.Page.Locator("[data-testid=new-webhook-secret]")).ToContainTextAsync("whsec_");
        await Expect(support.Page.Locator("[data-testid=webhooks]")).ToContainTextAsync("ehr.example.com");
        await support.ScreenshotAsync("support-webhooks");
    }

    [Theory]
    [InlineData(null, "/account/signin", "signin", "#email")]
    [InlineData(DemoPeople.SamFront, "/account/security", "account-security", "[data-testid=shared-key]")]
    [InlineData(DemoPeople.SamFront, "/account/password", "account-password", "#current")]
    [InlineData(DemoPeople.Support, "/support/api-keys", "support-api-keys", "[data-interactive] [data-testid=keys]")]
    [InlineData(DemoPeople.Support, "/support/webhooks", "support-webhooks-page", "[data-interactive] [data-testid=webhooks]")]
    [InlineData(DemoPeople.Support, "/support/people", "support-people", "[data-interactive] [data-testid=people] tbody tr")]
    [InlineData(DemoPeople.DrLee, "/", "practitioner", "[data-interactive] [data-testid=connection-card]")]
    [InlineData(DemoPeople.Manager, "/clinic", "manager", "[data-interactive] [data-testid=row-state]")]
    [InlineData(DemoPeople.Support, "/support", "support", "[data-interactive] [data-testid=people-grid] tbody tr")]
    [InlineData(DemoPeople.Manager, "/clinic?person=LEE", "manager-person-detail", "[data-interactive] [data-testid=person-detail]")]
    [InlineData(DemoPeople.Support, "/support/audit", "support-audit", "[data-interactive] [data-testid=audit-grid] tbody tr")]
    [InlineData(DemoPeople.DrLee, "/simulator/api/oauth/authorize?client_id=fullscript-portal-dev&redirect_uri=REDIRECT&response_type=code&state=a11y", "simulator-consent",
        "button[value=approve]")]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violations(string? email, string path, string name, string loaded)
    {
        // Light and dark, on a desktop and on a phone.
        foreach (var (dark, width) in new[] { (false, 1280), (true, 1280), (false, 390), (true, 390) })
            await AssertAccessibleAsync(email, path, $"{name}-{(dark ? "dark" : "light")}-{width}", loaded, dark, width);
    }

    private async Task AssertAccessibleAsync(string? email, string path, string name, string loaded, bool dark, int width)
    {
        await using var person = await PortalPage.OpenAsync(browser, Portal, width);
        await person.UseThemeAsync(dark);
        if (email is not null) await person.AddSignInCookieAsync(email);
        if (path.Contains("=LEE", StringComparison.Ordinal))
            path = path.Replace("=LEE", "=" + await Portal.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).Select(u => u.Id).SingleAsync()), StringComparison.Ordinal);
        await person.Page.GotoAsync(person.Url(path.Replace("REDIRECT", Uri.EscapeDataString(person.Url("/oauth/fullscript/callback")), StringComparison.Ordinal)));
        // The circuit has rendered what the page loads after its first paint, and nothing is loading any more.
        await person.Page.Locator(loaded).First.WaitForAsync(new() { Timeout = 15000 });
        await Expect(person.Page.Locator(".mud-progress-indeterminate, .mud-table-loading-progress")).ToHaveCountAsync(0);
        await person.ScreenshotAsync("a11y-" + name);

        // Every rule runs; only violations are collected node by node (passes and the rest are what take axe its time).
        var results = await person.Page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.Should().BeEmpty(name + ":\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
