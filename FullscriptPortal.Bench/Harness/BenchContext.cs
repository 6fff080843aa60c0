using FullscriptPortal.Bench.Browser;

namespace FullscriptPortal.Bench.Harness;

/// <summary>What every case shares: the options and one Chromium, started when a case first needs it.</summary>
internal sealed class BenchContext(BenchOptions options) : IAsyncDisposable
{
    private BenchBrowser? _browser;

    public BenchOptions Options => options;

    public async Task<BenchBrowser> BrowserAsync() => _browser ??= await BenchBrowser.LaunchAsync();

    /// <summary>Progress goes to standard error: standard output carries the portal's own console log, as deployed.</summary>
    public static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
    }
}
