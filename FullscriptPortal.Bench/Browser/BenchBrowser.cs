using System.Net;
using Microsoft.Playwright;

namespace FullscriptPortal.Bench.Browser;

/// <summary>Debian's Chromium driven by Playwright (its own download cannot reach the internet here), headless, started
/// once for the whole run.</summary>
internal sealed class BenchBrowser : IAsyncDisposable
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BenchBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BenchBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The bench needs Chromium at {ChromiumPath}: `sudo apt-get install -y chromium` (or set PORTAL_CHROMIUM).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BenchBrowser(playwright, browser);
    }

    /// <summary>A window of its own (own cookies) holding <paramref name="cookies"/>, on <paramref name="path"/> once its
    /// circuit answers; null path leaves it blank.</summary>
    public async Task<BenchPage> OpenAsync(Uri portal, CookieCollection cookies, string? path)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = portal.AbsoluteUri }));
        await context.AddInitScriptAsync(BenchPage.MarksScript);
        // Two cores shared with other builds: a page may take well over Playwright's default 30 s to load.
        context.SetDefaultNavigationTimeout(180_000);
        context.SetDefaultTimeout(180_000);
        var page = new BenchPage(portal, context, await context.NewPageAsync());
        if (path is not null) await page.GotoAsync(path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
