using System.Globalization;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>An invite's life as a manager sees it in Chromium: invited with its expiry on the row in the manager's own date
/// format, resent (the old link stops working), cancelled (the link says so to whoever follows it).</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class InviteBrowserTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    private static async Task<string> InviteLinkAsync(PortalPage manager) => await manager.Page.Locator("[data-testid=invite-link]").InputValueAsync();

    private static async Task OpenMenuAndChooseAsync(PortalPage manager, ILocator row, string action)
    {
        await row.Locator("[data-testid=row-actions] button").ClickAsync();
        await manager.Page.ClickAsync($"[data-testid=action-{action}]");
    }

    [Fact]
    public async Task A_manager_invites_sees_until_when_resends_and_cancels()
    {
        await using var manager = await PortalPage.OpenAsync(browser, Portal, timeZone: "Europe/London", locale: "en-GB");
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");
        var samRow = manager.Page.Locator("tr", new() { HasText = "Sam Front" });
        await Expect(samRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Not connected");

        await OpenMenuAndChooseAsync(manager, samRow, "Invite");
        var first = await InviteLinkAsync(manager);
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var note = samRow.Locator("[data-testid=row-invite]");
        await Expect(note).ToContainTextAsync("Invited, expires ");
        var expires = DateTimeOffset.Parse((await note.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var london = TimeZoneInfo.ConvertTime(expires, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        (await note.InnerTextAsync()).Trim().Should().Be($"Invited, expires {london.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))}");
        expires.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(7), TimeSpan.FromMinutes(5));
        await manager.ScreenshotAsync("manager-invited-row");

        await OpenMenuAndChooseAsync(manager, samRow, "ResendInvite");
        await Expect(manager.Page.Locator("[data-testid=invite-replaced]")).ToContainTextAsync("The earlier link no longer works");
        var fresh = await InviteLinkAsync(manager);
        fresh.Should().NotBe(first);
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await using var sam = await PortalPage.OpenAsync(browser, Portal);
        await sam.SignInWithCookieAsync(DemoPeople.SamFront);
        await sam.Page.GotoAsync(first);
        await Expect(sam.Page.Locator("[data-testid=flow-message]")).ToContainTextAsync("replaced by a newer one");

        await OpenMenuAndChooseAsync(manager, samRow, "CancelInvite");
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel invite" }).ClickAsync();
        await Expect(note).ToHaveCountAsync(0);
        await manager.ScreenshotAsync("manager-invite-cancelled");

        await sam.Page.GotoAsync(fresh);
        await Expect(sam.Page.Locator("[data-testid=flow-message]")).ToContainTextAsync("cancelled by your clinic manager");
        await sam.ScreenshotAsync("staff-follows-cancelled-invite");
    }

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
