using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FullscriptPortal.Tests.Browser;

/// <summary>One person at one browser window: sign in, press things, look.</summary>
public sealed class PortalPage(IBrowserContext context, IPage page, PortalFactory portal, Uri address) : IAsyncDisposable
{
    public IPage Page => page;

    /// <param name="browser">The shared Chromium.</param>
    /// <param name="portal">The portal to open.</param>
    /// <param name="width">The window's width (390 is a phone).</param>
    /// <param name="height">The window's height.</param>
    /// <param name="timeZone">The browser's IANA time zone; the machine's when null.</param>
    /// <param name="locale">The browser's language (navigator.language); Chromium's default when null.</param>
    /// <param name="address">Where the browser reaches the portal (a load balancer in front of it); the portal itself when null.</param>
    public static async Task<PortalPage> OpenAsync(BrowserFixture browser, PortalFactory portal, int width = 1280, int height = 900,
        string? timeZone = null, string? locale = null, Uri? address = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => portal.Logs.Enqueue($"Browser {message.Type}: {message.Text}");
        return new PortalPage(context, page, portal, address ?? portal.ServerAddress);
    }

    public string Url(string path) => new Uri(address, path).AbsoluteUri;

    public async Task SignInAsync(string email)
    {
        await page.GotoAsync(Url("/account/signin"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", FullscriptPortal.Auth.DemoSeed.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Signs in over HTTP and hands this browser the sign-in cookie, as a person returning to a signed-in browser:
    /// for tests about what comes after signing in (the sign-in form itself is driven by <see cref="SignInAsync"/>).</summary>
    public async Task AddSignInCookieAsync(string email)
    {
        using var session = portal.NewSession();
        await session.SignInAsync(email);
        await context.AddCookiesAsync(session.Cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = Url("/") }));
    }

    /// <summary>The theme this browser chose earlier (the cookie the theme switch writes).</summary>
    public Task UseThemeAsync(bool dark) =>
        context.AddCookiesAsync([new Cookie { Name = FullscriptPortal.Components.Viewer.ViewerSettings.ThemeCookieName, Value = dark ? "dark" : "light", Url = Url("/") }]);

    /// <summary>Signed in with <see cref="AddSignInCookieAsync"/>, on the dashboard once its circuit answers.</summary>
    public async Task SignInWithCookieAsync(string email)
    {
        await AddSignInCookieAsync(email);
        await GotoAsync("/");
    }

    /// <summary>Opens a page of the portal and waits until its circuit answers (a prerendered page ignores clicks).</summary>
    public async Task GotoAsync(string path)
    {
        await page.GotoAsync(Url(path));
        await WaitUntilInteractiveAsync();
    }

    public Task WaitUntilInteractiveAsync() => page.WaitForSelectorAsync("[data-interactive]", new() { Timeout = 15000 });

    /// <summary>Presses Connect (or Reconnect), picks the Fullscript user on the simulator's consent page and decides.</summary>
    public async Task ConnectAsync(string fullscriptEmail, bool approve = true)
    {
        await page.ClickAsync("[data-testid=connect-button]");
        await page.WaitForURLAsync("**/simulator/api/oauth/authorize**");
        await page.CheckAsync($"input[value=\"{DemoPeople.FullscriptIdOf(fullscriptEmail)}\"]");
        await page.ClickAsync($"button[value={(approve ? "approve" : "deny")}]");
        await page.WaitForURLAsync(url => !url.Contains("/simulator/", StringComparison.Ordinal) && !url.Contains("/oauth/", StringComparison.Ordinal));
        await WaitUntilInteractiveAsync();
    }

    public ILocator Card => page.Locator("[data-testid=connection-card]");

    public Task ExpectStateAsync(string state, float timeoutMs = 5000) =>
        Expect(Card).ToHaveAttributeAsync("data-state", state, new() { Timeout = timeoutMs });

    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
