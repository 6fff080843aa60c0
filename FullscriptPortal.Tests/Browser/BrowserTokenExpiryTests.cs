using FullscriptPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>A token that lives for seconds, watched in real time: this test starts a portal with its own settings.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTokenExpiryTests(BrowserFixture browser) : IDisposable
{
    private readonly PortalFactory _portal = new() { UseRealClock = true };

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
        BrowserFlowTests.ReadCountdown(await lee.Page.Locator("[data-testid=countdown]").InnerTextAsync()).Should().BeGreaterThan(TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _portal.Dispose();
}
