using FullscriptPortal.Components.Circuits;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>The cap on open circuits per person, with real tabs: a portal that allows two.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CircuitCapTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_third_tab_beyond_a_cap_of_two_is_refused_and_a_closed_tab_makes_room_again()
    {
        using var portal = new PortalFactory { UseRealClock = true };
        portal.Settings["Circuits:MaxPerUser"] = "2";
        var circuits = portal.Services.GetRequiredService<CircuitsPerUser>();
        var leeId = await portal.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == DemoPeople.DrLee).Id));

        await using var first = await PortalPage.OpenAsync(browser, portal);
        await first.SignInWithCookieAsync(DemoPeople.DrLee);
        await using var second = await PortalPage.OpenAsync(browser, portal);
        await second.SignInWithCookieAsync(DemoPeople.DrLee);
        await using var third = await PortalPage.OpenAsync(browser, portal);
        await third.AddSignInCookieAsync(DemoPeople.DrLee);
        await third.Page.GotoAsync(third.Url("/"));

        await Expect(third.Page.Locator("#blazor-error-ui")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Expect(third.Page.Locator("[data-interactive]")).ToHaveCountAsync(0);
        circuits.OpenFor(leeId).Should().Be(2);
        (await second.Page.Locator("[data-interactive]").CountAsync()).Should().Be(1, "the tabs within the cap keep working");

        // Leaving a page ends its circuit at once (the browser says so as it unloads).
        await first.Page.GotoAsync("about:blank");
        await Poll.UntilAsync(() => circuits.OpenFor(leeId) == 1, "the closed tab's circuit ends", TimeSpan.FromSeconds(15));
        await using var fourth = await PortalPage.OpenAsync(browser, portal);
        await fourth.SignInWithCookieAsync(DemoPeople.DrLee);
        circuits.OpenFor(leeId).Should().Be(2);
    }
}
