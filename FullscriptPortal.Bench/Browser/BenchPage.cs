using System.Text;
using Microsoft.Playwright;

namespace FullscriptPortal.Bench.Browser;

/// <summary>One browser window on the portal, counting the render batches its circuit sends (Blazor's "JS.RenderBatch"
/// invocations in the SignalR frames the page receives), and marking in the page when it became interactive and when
/// its connection card first showed Active.</summary>
internal sealed class BenchPage : IAsyncDisposable
{
    /// <summary>Runs before the page's own scripts: wall-clock marks (Date.now(), comparable with Playwright's request
    /// timings) for the moment the circuit rendered and the moment the card showed Active.</summary>
    public const string MarksScript = """
        (() => {
          const mark = () => {
            if (!window.__interactiveAt && document.querySelector('[data-interactive]')) window.__interactiveAt = Date.now();
            if (!window.__activeAt && document.querySelector('[data-testid=connection-card][data-state=Active]')) window.__activeAt = Date.now();
          };
          new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
        })();
        """;

    private static readonly byte[] RenderBatch = Encoding.ASCII.GetBytes("JS.RenderBatch");
    private readonly Uri _portal;
    private readonly IBrowserContext _context;
    private int _renderBatches;

    public BenchPage(Uri portal, IBrowserContext context, IPage page)
    {
        _portal = portal;
        _context = context;
        Page = page;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            var count = frame.Binary is { } binary ? Occurrences(binary) : Occurrences(Encoding.UTF8.GetBytes(frame.Text ?? ""));
            if (count > 0) Interlocked.Add(ref _renderBatches, count);
        };
    }

    public IPage Page { get; }

    /// <summary>Render batches received since the page opened.</summary>
    public int RenderBatches => Volatile.Read(ref _renderBatches);

    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(new Uri(_portal, path).AbsoluteUri);
        await WaitUntilInteractiveAsync();
    }

    public Task WaitUntilInteractiveAsync() => Page.WaitForSelectorAsync("[data-interactive]", new() { Timeout = 180_000 });

    /// <summary>Leaves the portal: the page's unload tells the server to end its circuit at once.</summary>
    public Task LeaveAsync() => Page.GotoAsync("about:blank");

    public async Task<double?> MarkAsync(string name) => await Page.EvaluateAsync<double?>($"() => window.{name} ?? null");

    private static int Occurrences(ReadOnlySpan<byte> payload)
    {
        var count = 0;
        int at;
        while ((at = payload.IndexOf(RenderBatch)) >= 0)
        {
            count++;
            payload = payload[(at + RenderBatch.Length)..];
        }
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
    }
}
