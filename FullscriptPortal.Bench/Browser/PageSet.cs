using FullscriptPortal.Bench.Harness;

namespace FullscriptPortal.Bench.Browser;

/// <summary>Several people's windows on the portal, each signed in as its person, counted together.</summary>
internal sealed class PageSet(IReadOnlyList<BenchPage> pages) : IAsyncDisposable
{
    public IReadOnlyList<BenchPage> Pages => pages;

    public int RenderBatches => pages.Sum(p => p.RenderBatches);

    /// <summary>Signs each of <paramref name="emails"/> in and opens <paramref name="path"/> for them, a few at a time,
    /// returning once every circuit has rendered.</summary>
    public static async Task<PageSet> OpenAsync(BenchContext context, BenchHost host, IEnumerable<string> emails, string path)
    {
        var browser = await context.BrowserAsync();
        var opened = new System.Collections.Concurrent.ConcurrentBag<BenchPage>();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (email, _) =>
        {
            var cookies = await SignInCookies.ForAsync(host.Address, email);
            opened.Add(await browser.OpenAsync(host.Address, cookies, path));
        });
        return new PageSet([.. opened]);
    }

    /// <summary>Leaves every page (their circuits end at once), then closes the windows.</summary>
    public async Task LeaveAsync()
    {
        foreach (var page in pages) await page.LeaveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in pages) await page.DisposeAsync();
    }
}
