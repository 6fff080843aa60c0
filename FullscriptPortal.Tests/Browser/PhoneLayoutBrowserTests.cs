using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The manager's and support's pages on a phone: the list comes first and the coverage tiles and chart fold into
/// one line that opens on a tap; on a wide screen the tiles show above the list as before.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    private static ILocator Grid(PortalPage person) => person.Page.Locator("[data-testid=people-grid]").First;
    private static ILocator FoldLine(PortalPage person) => person.Page.Locator("[data-testid=coverage-fold]");
    private static ILocator PeopleTile(PortalPage person) => person.Page.Locator("[data-testid=coverage-people]");
    private static ILocator Chart(PortalPage person) => person.Page.Locator("[data-testid=expiry-chart]");

    [Fact]
    public async Task On_a_phone_the_clinics_list_comes_first_and_the_tiles_fold_into_a_line_that_opens_on_a_tap()
    {
        using (var lee = Portal.NewSession()) (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await using var manager = await PortalPage.OpenAsync(browser, Portal, width: 390, height: 844);
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");

        await Expect(FoldLine(manager)).ToBeVisibleAsync();
        await Expect(FoldLine(manager)).ToContainTextAsync("2 people · 1 connected");
        await Expect(FoldLine(manager)).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(PeopleTile(manager)).ToBeHiddenAsync();
        await Expect(Chart(manager)).ToBeHiddenAsync();
        (await TopOf(Grid(manager))).Should().BeLessThan(await TopOf(FoldLine(manager)), "on a phone the list comes before the summary");
        await manager.ScreenshotAsync("clinic-phone-folded");

        await FoldLine(manager).ClickAsync();

        await Expect(FoldLine(manager)).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(PeopleTile(manager)).ToBeVisibleAsync();
        await Expect(PeopleTile(manager)).ToHaveTextAsync("2");
        await Expect(Chart(manager)).ToBeVisibleAsync();
        await manager.ScreenshotAsync("clinic-phone-opened");
    }

    [Fact]
    public async Task On_a_phone_supports_queue_comes_before_the_folded_coverage()
    {
        await using var support = await PortalPage.OpenAsync(browser, Portal, width: 390, height: 844);
        await support.SignInWithCookieAsync(DemoPeople.Support);
        await support.GotoAsync("/support?view=all");

        await Expect(FoldLine(support)).ToBeVisibleAsync();
        await Expect(PeopleTile(support)).ToBeHiddenAsync();
        await Expect(Grid(support)).ToBeVisibleAsync();
        (await TopOf(Grid(support))).Should().BeLessThan(await TopOf(FoldLine(support)));
    }

    [Fact]
    public async Task On_a_wide_screen_the_tiles_and_chart_show_above_the_list_and_there_is_no_fold()
    {
        await using var manager = await PortalPage.OpenAsync(browser, Portal, width: 1280);
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");

        await Expect(PeopleTile(manager)).ToBeVisibleAsync();
        await Expect(Chart(manager)).ToBeVisibleAsync();
        await Expect(FoldLine(manager)).ToBeHiddenAsync();
        (await TopOf(PeopleTile(manager))).Should().BeLessThan(await TopOf(Grid(manager)), "on a wide screen the tiles stay on top");
    }

    private static async Task<float> TopOf(ILocator locator) => (await locator.BoundingBoxAsync())!.Y;

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
