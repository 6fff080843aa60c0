using System.Globalization;
using Deque.AxeCore.Playwright;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The portal as people use it: real Chromium against the real app on a loopback port, real time.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserFlowTests(BrowserFixture browser) : IDisposable
{
    private readonly PortalFactory _portal = new() { UseRealClock = true };

    private static TimeSpan ReadCountdown(string text)
    {
        var parts = text.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length == 3 ? new TimeSpan(parts[0], parts[1], parts[2]) : new TimeSpan(0, parts[0], parts[1]);
    }

    [Fact]
    public async Task A_practitioner_connects_watches_the_countdown_and_disconnects()
    {
        await using var lee = await PortalPage.OpenAsync(browser, _portal);
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("NotConnected");

        await lee.ConnectAsync(DemoPeople.DrLee);

        await lee.ExpectStateAsync("Active");
        var countdown = lee.Page.Locator("[data-testid=countdown]");
        var first = ReadCountdown(await countdown.InnerTextAsync());
        await Task.Delay(2500);
        var second = ReadCountdown(await countdown.InnerTextAsync());
        second.Should().BeLessThan(first, "the countdown ticks without a reload");
        await lee.ScreenshotAsync("practitioner-active");

        await lee.Page.ClickAsync("[data-testid=disconnect-button]");
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();

        await lee.ExpectStateAsync("Revoked");
        await Expect(lee.Page.Locator("[data-testid=connect-button]")).ToContainTextAsync("Reconnect");
    }

    [Fact]
    public async Task A_short_lived_token_reaches_zero_and_is_refreshed_on_screen()
    {
        _portal.Settings["Simulator:AccessTokenLifetime"] = "00:00:08";
        _portal.Settings["Tokens:WorkerEnabled"] = "true";
        _portal.Settings["Tokens:WorkerInterval"] = "00:00:01";
        _portal.Settings["Tokens:ProactiveRefresh:Margin"] = "00:00:00";
        _portal.Settings["Tokens:ProactiveRefresh:Jitter"] = "00:00:00";
        await using var lee = await PortalPage.OpenAsync(browser, _portal);
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");
        await Expect(lee.Page.Locator("[data-testid=last-refresh]")).ToHaveTextAsync("Not yet");

        // The countdown runs down to its last second (the worker may renew the token in the very second it expires, so
        // "Expired" itself can be on screen for less than a poll)…
        await lee.Page.WaitForFunctionAsync(
            "() => ['0:01', 'Expired'].includes(document.querySelector('[data-testid=countdown]')?.textContent)",
            null, new() { PollingInterval = 100, Timeout = 15000 });

        // …then the refreshed connection shows up on the same page: a last refresh, and a fresh countdown.
        await Expect(lee.Page.Locator("[data-testid=last-refresh]")).Not.ToHaveTextAsync("Not yet", new() { Timeout = 10000 });
        await lee.ExpectStateAsync("Active");
        ReadCountdown(await lee.Page.Locator("[data-testid=countdown]").InnerTextAsync()).Should().BeGreaterThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_manager_invites_a_staff_member_who_connects_and_the_grid_updates_live()
    {
        await using var manager = await PortalPage.OpenAsync(browser, _portal);
        await manager.SignInAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");
        var samRow = manager.Page.Locator("tr", new() { HasText = "Sam Front" });
        await Expect(samRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Not connected");
        await samRow.Locator("[data-testid=row-actions] button").ClickAsync();
        await manager.Page.ClickAsync("[data-testid=action-Invite]");
        var link = await manager.Page.Locator("[data-testid=invite-link]").InputValueAsync();
        await manager.ScreenshotAsync("manager-invite");
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await using var sam = await PortalPage.OpenAsync(browser, _portal);
        await sam.SignInAsync(DemoPeople.SamFront);
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
        await using var lee = await PortalPage.OpenAsync(browser, _portal);
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ConnectAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");

        await using var support = await PortalPage.OpenAsync(browser, _portal);
        await support.SignInAsync(DemoPeople.Support);
        await support.GotoAsync("/support");
        await support.Page.GetByRole(AriaRole.Tab, new() { Name = "All connections" }).ClickAsync();
        var row = support.Page.Locator("tr", new() { HasText = "Dr. Jordan Lee" });
        await row.Locator("[data-testid=row-actions] button").ClickAsync();
        await support.Page.ClickAsync("[data-testid=action-Revoke]");
        await support.Page.FillAsync("[data-testid=revoke-reason]", "Left the practice");
        await support.Page.ClickAsync("[data-testid=confirm-revoke]");

        await lee.ExpectStateAsync("Revoked", timeoutMs: 2000);
        await Expect(lee.Page.Locator("[data-testid=state-reason]")).ToContainTextAsync("Left the practice");
        await lee.ScreenshotAsync("practitioner-revoked-by-support");
    }

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_needs_reconnecting_and_the_practitioner_reconnects()
    {
        await using var lee = await PortalPage.OpenAsync(browser, _portal);
        await lee.SignInAsync(DemoPeople.DrLee);
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
        await using var sam = await PortalPage.OpenAsync(browser, _portal);
        await sam.SignInAsync(DemoPeople.SamFront);

        await sam.ConnectAsync(DemoPeople.SamFront, approve: false);

        await Expect(sam.Page.Locator("[data-testid=flow-message]")).ToContainTextAsync("cancelled on Fullscript's consent page");
        await sam.ExpectStateAsync("NotConnected");
    }

    [Theory]
    [InlineData(null, "/account/signin", "signin")]
    [InlineData(DemoPeople.DrLee, "/", "practitioner")]
    [InlineData(DemoPeople.Manager, "/clinic", "manager")]
    [InlineData(DemoPeople.Support, "/support", "support")]
    [InlineData(DemoPeople.Support, "/support/audit", "support-audit")]
    [InlineData(DemoPeople.DrLee, "/simulator/api/oauth/authorize?client_id=fullscript-portal-dev&redirect_uri=REDIRECT&response_type=code&state=a11y", "simulator-consent")]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violations(string? email, string path, string name)
    {
        await using var person = await PortalPage.OpenAsync(browser, _portal);
        if (email is not null) await person.SignInAsync(email);
        await person.Page.GotoAsync(person.Url(path.Replace("REDIRECT", Uri.EscapeDataString(person.Url("/oauth/fullscript/callback")), StringComparison.Ordinal)));
        await person.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.Delay(1000); // let the circuit render what it loads after the first paint
        await person.ScreenshotAsync("a11y-" + name);

        var results = await person.Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.Should().BeEmpty(string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public void Dispose() => _portal.Dispose();
}
