using FullscriptPortal.Balancer;
using FullscriptPortal.Tests.Browser;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Balancer;

/// <summary>Two portal instances on one PostgreSQL database behind the portal's own balancer, and Chromium through it:
/// each browser stays on its instance, and a change made through one instance shows live on the other's pages.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BalancerBrowserTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;
    private WebApplication _balancer = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _first = new PortalFactory { UseRealClock = true }.OnPostgres().WithKeyRing(TestCertificate.Shared);
        _first.StartServer(); // the first instance creates the tables; the second starts on them
        _second = new PortalFactory { UseRealClock = true }.OnDatabaseOf(_first);
        _second.StartServer();
        _balancer = LoadBalancer.Build(
            ["--urls", "http://127.0.0.1:0", "--Balancer:ShowDestination=true",
             $"--Balancer:Destinations:0={_first.ServerAddress}", $"--Balancer:Destinations:1={_second.ServerAddress}"], out var problem)
            ?? throw new InvalidOperationException(problem);
        await _balancer.StartAsync();
        _address = new Uri(_balancer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    [Fact]
    public async Task A_manager_s_grid_on_one_instance_shows_a_disconnect_made_on_the_other_within_a_second()
    {
        using (var session = _second.NewSession()) await session.ConnectAsync(DemoPeople.DrLee);

        await using var manager = await OpenPinnedAsync("portal-1");
        await manager.AddSignInCookieAsync(DemoPeople.Manager);
        (await GotoAsync(manager, "/clinic")).Should().Be("portal-1", "the manager's browser is pinned to the first instance");
        var leeRow = manager.Page.Locator("tr", new() { HasText = "Dr. Jordan Lee" });
        await Expect(leeRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Active");

        await using var lee = await OpenPinnedAsync("portal-2");
        await lee.AddSignInCookieAsync(DemoPeople.DrLee);
        (await GotoAsync(lee, "/")).Should().Be("portal-2", "the practitioner's browser is pinned to the second instance");
        await lee.ExpectStateAsync("Active");

        await lee.Page.ClickAsync("[data-testid=disconnect-button]");
        await lee.Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();
        await lee.ExpectStateAsync("Revoked");

        await Expect(leeRow.Locator("[data-testid=row-state]")).ToContainTextAsync("Disconnected", new() { Timeout = 1000 });
        await manager.ScreenshotAsync("balancer-manager-sees-other-instance");
    }

    /// <summary>A browser holding the affinity cookie the balancer gives out for <paramref name="destination"/>, as one it
    /// sent there before.</summary>
    private async Task<PortalPage> OpenPinnedAsync(string destination)
    {
        var page = await PortalPage.OpenAsync(browser, _first, address: _address);
        await page.Page.Context.AddCookiesAsync([new Cookie { Name = BalancerProxyConfig.AffinityCookie, Value = await AffinityOfAsync(destination), Url = _address.AbsoluteUri }]);
        return page;
    }

    /// <summary>The affinity cookie's value for <paramref name="destination"/>: asked of the balancer (new visitors are
    /// spread round robin, each told where it landed) rather than computed, so the test does not depend on YARP's hash.</summary>
    private async Task<string> AffinityOfAsync(string destination)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _address };
        for (var i = 0; i < 20; i++)
        {
            using var response = await http.GetAsync("/health");
            if (response.Headers.GetValues(LoadBalancer.DestinationHeader).Single() != destination) continue;
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(BalancerProxyConfig.AffinityCookie + "=", StringComparison.Ordinal));
            return cookie.Split(';')[0].Split('=', 2)[1];
        }
        throw new InvalidOperationException($"The balancer never sent a new visitor to {destination}.");
    }

    /// <summary>Opens <paramref name="path"/> through the balancer once its circuit answers; returns the instance that answered.</summary>
    private static async Task<string?> GotoAsync(PortalPage page, string path)
    {
        var response = await page.Page.GotoAsync(page.Url(path));
        await page.WaitUntilInteractiveAsync();
        return await response!.HeaderValueAsync(LoadBalancer.DestinationHeader);
    }

    public async Task DisposeAsync()
    {
        if (_balancer is not null) await _balancer.DisposeAsync();
    }

    public void Dispose()
    {
        _second?.Dispose();
        _first?.Dispose();
    }
}
