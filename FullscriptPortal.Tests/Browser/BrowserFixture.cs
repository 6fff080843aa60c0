using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FullscriptPortal.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot reach the internet here). Missing
/// Chromium fails the browser tests with the command that installs it; they are never skipped silently.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}. Install it with `sudo apt-get update && sudo apt-get install -y chromium` " +
                "(or set PORTAL_CHROMIUM to another Chromium), then run the tests again.");
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking flags Chromium reaches for the internet at start and stalls on this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests run by themselves, after the others: timing is what they watch, and on two cores the rest of the
/// suite running beside them would starve the circuits they look at.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>, ICollectionFixture<BrowserPortal>
{
    public const string Name = "browser";
}

/// <summary>The portal the browser tests share, on the real clock so countdowns tick as a person sees them, and exchanging
/// codes from the callback as deployed; each test resets it to the demo seed first. A test that needs other settings starts its own.</summary>
public sealed class BrowserPortal : IDisposable
{
    public PortalFactory Portal { get; } = new() { UseRealClock = true, Settings = { ["Tokens:ExchangeOnCallback"] = "true" } };

    public void Dispose() => Portal.Dispose();
}
