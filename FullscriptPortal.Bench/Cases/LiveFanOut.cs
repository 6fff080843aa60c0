using System.Diagnostics;
using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Browser;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Render batches sent to circuits that do not show a changed connection: another clinic's practitioners'
/// dashboards while one practitioner refreshes ten times.</summary>
internal sealed class LiveFanOut : BenchCase
{
    public override string Key => "live-fanout";

    public override string Title => "Render batches to circuits that do not show the changed connection";

    public override string Shows => """
        `--dashboards` (default 30) practitioners of another clinic have their dashboard open in Chromium: half never
        connected (nothing on their page moves by itself, so any batch is a wake-up), half with an Active connection (their
        countdown ticks in the browser, so their quiet rate is 0 too; it is measured over 10 s and subtracted all the same). The practitioner whose connection changes has theirs open too. That
        connection is refreshed 10 times (`ConnectionTokens.RefreshAsync`, forced, one after another); render batches
        (`JS.RenderBatch` in the SignalR frames each page receives) are counted from the first refresh until 3 s after the
        last. The changed practitioner's own page is the control: it must receive batches, or the counting is broken.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("render batches sent to circuits that do not show the changed connection (10 refreshes)", "quiet", "during", "woken", 0, "0")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        using var host = new BenchHost();
        var changing = (await Seeder.SeedAsync(host, 1, withConnections: true, "changing", due: false))[0];
        const string email = "changing00000@bench.test"; // the seeder's name for its first person
        var elsewhere = await BenchPeople.AddClinicAsync(host, "Elsewhere");
        var idle = await BenchPeople.AddAsync(host, elsewhere, o.Dashboards / 2, PortalRoles.Practitioner, BenchPeople.Connections.None, "other");
        var ticking = await BenchPeople.AddAsync(host, elsewhere, o.Dashboards - (o.Dashboards / 2), PortalRoles.Practitioner, BenchPeople.Connections.Active, "ticking");
        await using var own = await PageSet.OpenAsync(context, host, [email], "/");
        await using var still = await PageSet.OpenAsync(context, host, idle.Select(p => p.Email), "/");
        await using var counting = await PageSet.OpenAsync(context, host, ticking.Select(p => p.Email), "/");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var window = Stopwatch.StartNew();
        var (stillQuiet, countingQuiet) = (still.RenderBatches, counting.RenderBatches);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var stillRate = (still.RenderBatches - stillQuiet) / window.Elapsed.TotalSeconds;
        var countingRate = (counting.RenderBatches - countingQuiet) / window.Elapsed.TotalSeconds;

        var (stillBefore, countingBefore, ownBefore) = (still.RenderBatches, counting.RenderBatches, own.RenderBatches);
        window.Restart();
        for (var i = 0; i < 10; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().RefreshAsync(changing.ConnectionId, "bench", force: true, default);
            if (outcome.Result != RefreshResult.Refreshed) throw new InvalidOperationException($"Refresh ended {outcome.Result}: {outcome.Code}");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var seconds = window.Elapsed.TotalSeconds;
        var stillDuring = still.RenderBatches - stillBefore;
        var countingDuring = counting.RenderBatches - countingBefore;
        var ownDuring = own.RenderBatches - ownBefore;
        var stillWoken = Math.Max(0, Math.Round(stillDuring - (stillRate * seconds)));
        var countingWoken = Math.Max(0, Math.Round(countingDuring - (countingRate * seconds)));
        foreach (var pages in new[] { still, counting, own }) await pages.LeaveAsync();
        return
        [
            new("quiet", $"batches per second to the {o.Dashboards} other pages, quiet", stillRate + countingRate),
            new("during", $"batches to the {o.Dashboards} other pages during the 10 refreshes and 3 s after", stillDuring + countingDuring),
            new("woken", "of those, beyond the quiet rate", stillWoken + countingWoken),
            new("woken-still", $"beyond the quiet rate, to the {idle.Count} never-connected pages", stillWoken),
            new("woken-ticking", $"beyond the quiet rate, to the {ticking.Count} pages with a countdown", countingWoken),
            new("perpage", "per page per change", (stillWoken + countingWoken) / o.Dashboards / 10),
            new("own", "batches to the changed practitioner's own page (the control)", ownDuring),
        ];
    }
}
