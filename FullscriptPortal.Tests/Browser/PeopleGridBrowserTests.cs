using System.Text.RegularExpressions;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The manager's and support's pages in real Chromium: the landing after sign-in, the view that is remembered
/// and put in the address, and the queue that takes in a change while it is open.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class PeopleGridBrowserTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    private static ILocator Rows(PortalPage person) => person.Page.Locator("[data-testid=people-grid] tbody tr:has([data-testid=row-state])");

    [Fact]
    public async Task A_manager_lands_on_the_clinic_and_a_chosen_state_is_remembered_applied_and_put_in_the_address()
    {
        using (var lee = Portal.NewSession()) (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await using var manager = await PortalPage.OpenAsync(browser, Portal);

        await manager.SignInAsync(DemoPeople.Manager);

        manager.Page.Url.Should().EndWith("/clinic", "a manager lands on their clinic, not on a card with nothing to connect");
        await Expect(Rows(manager)).ToHaveCountAsync(2);
        await manager.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Not connected" });
        await Expect(Rows(manager)).ToHaveCountAsync(1);
        await Expect(manager.Page).ToHaveURLAsync(StateInAddress());

        await manager.GotoAsync("/clinic");

        await Expect(Rows(manager)).ToHaveCountAsync(1);
        await Expect(Rows(manager)).ToContainTextAsync("Sam Front");
        await Expect(manager.Page).ToHaveURLAsync(StateInAddress());
        var export = await manager.Page.Locator("[data-testid=export-csv]").GetAttributeAsync("data-url");
        var csv = await (await manager.Page.APIRequest.GetAsync(manager.Url(export!))).TextAsync();
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the export holds the header and the same one row the grid shows");
        await manager.ScreenshotAsync("manager-remembered-filter");

        // The same with a remembered search: every state again, then a search, then back to the page.
        await manager.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "All states" });
        await manager.Page.Locator("input[data-testid=people-search], [data-testid=people-search] input").FillAsync("Lee");
        await Expect(manager.Page).ToHaveURLAsync(new Regex(@"/clinic\?search=Lee$"));
        await manager.GotoAsync("/clinic");
        await Expect(Rows(manager)).ToHaveCountAsync(1);
        await Expect(Rows(manager)).ToContainTextAsync("Dr. Jordan Lee");
        await Expect(manager.Page.Locator("input[data-testid=people-search], [data-testid=people-search] input")).ToHaveValueAsync("Lee");
    }

    [Fact]
    public async Task A_rows_menu_drawn_on_its_first_press_works_from_the_keyboard_at_once()
    {
        await using var manager = await PortalPage.OpenAsync(browser, Portal);
        await manager.SignInAsync(DemoPeople.Manager);
        var sam = Rows(manager).Filter(new() { HasText = "Sam Front" });
        var button = sam.Locator("[data-testid=row-actions] button");
        await Expect(Rows(manager)).ToHaveCountAsync(2);

        // The row's menu is only a button until this press; the menu that takes its place keeps the focus.
        await button.FocusAsync();
        await manager.Page.Keyboard.PressAsync("Enter");
        await Expect(manager.Page.Locator(".mud-popover-open [data-testid^=action-]")).ToHaveCountAsync(2);
        await Expect(button).ToBeFocusedAsync();
        await manager.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(manager.Page.Locator("[data-testid=action-Invite]")).ToBeFocusedAsync();
        await manager.Page.Keyboard.PressAsync("Escape");
        await Expect(manager.Page.Locator(".mud-popover-open [data-testid^=action-]")).ToHaveCountAsync(0);
        await Expect(button).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Supports_open_queue_takes_in_a_connection_that_turns_needs_reconnecting_and_rows_keep_ticking()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var patel = Portal.NewSession();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        await using var support = await PortalPage.OpenAsync(browser, Portal);
        await support.SignInWithCookieAsync(DemoPeople.Support);
        support.Page.Url.Should().EndWith("/support");
        await Expect(support.Page.GetByRole(AriaRole.Tab, new() { Name = "Needs attention (0)" })).ToBeVisibleAsync(new() { Timeout = 15000 });

        await Portal.RevokeInsideFullscriptAsync("Dr. Priya Patel");
        (await patel.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);

        await Expect(support.Page.GetByRole(AriaRole.Tab, new() { Name = "Needs attention (1)" })).ToBeVisibleAsync(new() { Timeout = 3000 });
        await Expect(Rows(support)).ToContainTextAsync("Dr. Priya Patel", new() { Timeout = 3000 });
        await Expect(support.Page.Locator("[data-testid=coverage-reconnect]")).ToHaveTextAsync("1");

        await support.Page.GetByRole(AriaRole.Tab, new() { Name = "All connections" }).ClickAsync();
        await Expect(support.Page).ToHaveURLAsync(new Regex("view=all"));
        var countdown = support.Page.Locator("[data-testid=row-countdown]").First;
        await Expect(countdown).Not.ToBeEmptyAsync();
        var first = await countdown.InnerTextAsync();
        await Expect(countdown).Not.ToHaveTextAsync(first, new() { Timeout = 5000 });
        await support.ScreenshotAsync("support-live-queue");
    }

    [GeneratedRegex(@"/clinic\?state=NotConnected$")]
    private static partial Regex StateInAddress();

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
