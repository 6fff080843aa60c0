using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>What a viewer's own browser decides: the time zone and language times are shown in, and the theme, with
/// colours that pass WCAG AA in it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class ViewerBrowserTests(BrowserFixture browser, BrowserPortal shared) : IAsyncLifetime
{
    private PortalFactory Portal => shared.Portal;

    [Fact]
    public async Task Times_are_in_the_browsers_time_zone_and_language()
    {
        using (var session = Portal.NewSession()) (await session.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await using var lee = await PortalPage.OpenAsync(browser, Portal, timeZone: "Asia/Tokyo", locale: "de-DE");

        // The first page a fresh browser opens is the sign-in page: from then on its cookie tells the server.
        await lee.SignInAsync(DemoPeople.DrLee);
        await lee.ExpectStateAsync("Active");

        var connectedAt = (await Portal.ConnectionOfAsync((await UserIdAsync(DemoPeople.DrLee))!))!.ConnectedAt;
        var inTokyo = TimeZoneInfo.ConvertTime(connectedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var connected = lee.Page.Locator("tr", new() { HasText = "Connected" }).Locator("time");
        await Expect(connected).ToHaveTextAsync(inTokyo.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC+9");
        await Expect(lee.Page.Locator("[data-testid=activity] time").First).ToHaveAttributeAsync("title", GermanTokyoTime());
    }

    [Fact]
    public async Task A_first_visit_already_signed_in_learns_the_zone_from_the_browser_once_the_circuit_is_up()
    {
        using (var session = Portal.NewSession()) (await session.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await using var lee = await PortalPage.OpenAsync(browser, Portal, timeZone: "America/Sao_Paulo", locale: "pt-BR");
        await lee.AddSignInCookieAsync(DemoPeople.DrLee);

        // This page was rendered before viewer.js ever ran in this browser, so the server did not know the zone yet.
        await lee.GotoAsync("/");

        await Expect(lee.Page.Locator("tr", new() { HasText = "Connected" }).Locator("time")).ToHaveTextAsync(new Regex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2} UTC−3$"));
    }

    [Fact]
    public async Task Red_and_orange_states_pass_wcag_aa_contrast_in_both_themes_and_on_a_phone()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await Portal.RevokeInsideFullscriptAsync();
        await lee.InCircuitAsync(c => c.RefreshNowAsync()); // Needs reconnecting: red
        using var sam = Portal.NewSession();
        (await sam.ConnectAsync(DemoPeople.SamFront)).Succeeded.Should().BeTrue();
        Portal.Faults().FailNextTokenCalls(3, 503);
        await sam.InCircuitAsync(c => c.RefreshNowAsync()); // Retrying: orange
        Portal.Faults().Clear();
        using var patel = Portal.NewSession();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        await patel.InCircuitAsync(c => c.DisconnectAsync()); // Disconnected

        foreach (var (dark, width) in new[] { (false, 1280), (true, 1280), (true, 390) })
        {
            await using var support = await PortalPage.OpenAsync(browser, Portal, width);
            await support.UseThemeAsync(dark);
            await support.SignInWithCookieAsync(DemoPeople.Support);
            await support.GotoAsync("/support");
            await support.Page.GetByRole(AriaRole.Tab, new() { Name = "All connections" }).ClickAsync();
            await Expect(support.Page.Locator("[data-testid=row-state]")).ToHaveCountAsync(3, new() { Timeout = 15000 });
            await Expect(support.Page.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);
            await support.ScreenshotAsync($"states-{(dark ? "dark" : "light")}-{width}");

            var results = await support.Page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });

            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            serious.Should().BeEmpty($"{(dark ? "dark" : "light")} at {width}px:\n" + string.Join("\n",
                serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => $"{n.Target} {n.Html}"))}")));
        }
    }

    private static Regex GermanTokyoTime() => GermanTokyoTimeRegex();

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} UTC\+9$")]
    private static partial Regex GermanTokyoTimeRegex();

    private Task<string?> UserIdAsync(string email) =>
        Portal.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == email).Select(u => (string?)u.Id)));

    public Task InitializeAsync() => Portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
