using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.People.Bulk;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>A manager disconnects three people at once in real Chromium while Fullscript is slow: one confirmation naming
/// how many, progress while it runs with nothing to press twice, then a summary.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BulkActionsBrowserTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    private static ILocator Row(PortalPage person, string name) =>
        person.Page.Locator("[data-testid=people-grid] tbody tr").Filter(new() { HasText = name });

    [Fact]
    public async Task A_manager_selects_three_rows_disconnects_them_with_one_confirmation_and_sees_progress_then_the_summary()
    {
        await BulkPeople.AddDrChenAsync(Portal);
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee, DemoPeople.SamFront, BulkPeople.DrChen);
        await using var manager = await PortalPage.OpenAsync(browser, Portal);
        await manager.SignInWithCookieAsync(DemoPeople.Manager);
        await manager.GotoAsync("/clinic");
        foreach (var name in new[] { "Dr. Avery Chen", "Dr. Jordan Lee", "Sam Front" })
            await Row(manager, name).Locator("input[data-testid=select-row]").CheckAsync();
        await Expect(manager.Page.Locator("[data-testid=bulk-count]")).ToHaveTextAsync("3 selected");
        manager.Page.Url.Should().NotContain("person=", "ticking a row does not open its details");
        // Slow enough that a person sees the run going; the revocations then arrive together (four at a time).
        Portal.Faults().Latency = TimeSpan.FromSeconds(3);

        await manager.Page.ClickAsync("[data-testid=bulk-Disconnect]");

        await Expect(manager.Page.Locator("[data-testid=bulk-confirm-title]")).ToHaveTextAsync("Disconnect 3 people?");
        await Expect(manager.Page.Locator("[data-testid=bulk-confirm-message]")).ToContainTextAsync("Their Fullscript access stops now.");
        await manager.Page.ClickAsync("[data-testid=bulk-confirm-button]");
        await Expect(manager.Page.Locator("[data-testid=bulk-progress]")).ToHaveTextAsync("0 of 3 done");
        await Expect(manager.Page.Locator("[data-testid=bulk-progress-bar]")).ToBeVisibleAsync();
        await Expect(manager.Page.Locator("[data-testid=bulk-Disconnect]")).ToBeDisabledAsync();
        await Expect(manager.Page.Locator("[data-testid=bulk-cancel]")).ToBeEnabledAsync();
        await Expect(manager.Page.Locator("[data-testid=bulk-confirm]")).ToHaveCountAsync(0);
        await manager.ScreenshotAsync("manager-bulk-disconnect-progress");

        await Expect(manager.Page.Locator("[data-testid=bulk-summary-text]")).ToHaveTextAsync("3 disconnected", new() { Timeout = 30000 });
        await Expect(manager.Page.Locator("[data-testid=bulk-progress]")).ToHaveCountAsync(0);
        await Expect(manager.Page.Locator("[data-testid=bulk-count]")).ToHaveCountAsync(0);
        foreach (var name in new[] { "Dr. Avery Chen", "Dr. Jordan Lee", "Sam Front" })
            await Expect(Row(manager, name).Locator("[data-testid=row-state]")).ToContainTextAsync("Disconnected");
        (await Portal.SimulatorGrantsAsync()).Should().HaveCount(3).And.OnlyContain(g => g.RevokedAt != null);
        await manager.ScreenshotAsync("manager-bulk-disconnect-summary");
    }

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
