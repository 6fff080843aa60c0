using System.Diagnostics;
using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Browser;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Server CPU of practitioner dashboards whose countdown ticks, against as many idle circuits.</summary>
internal sealed class CountdownCpu : BenchCase
{
    public override string Key => "countdown-cpu";

    public override string Title => "Server CPU per practitioner circuit with a ticking countdown";

    public override string Shows => """
        The largest size in `--cpu-circuits` (default 30 and 100) of practitioners with an Active connection open their
        dashboard (`/`) in Chromium, the card's countdown running. For each size, largest first (the pages beyond it
        leave): the CPU time of the process the portal runs in (`Process.TotalProcessorTime`, user and kernel) over
        `--cpu-seconds` (default 30) as a share of one core, with the countdowns running; then the same circuits idle:
        their connections are set to need a reconnect (saved through the portal, so the live update redraws each card
        without a countdown) and measured again; then set back. The dashboards' CPU beyond the idle circuits', divided by
        the number of circuits and multiplied by 200, is what 200 such circuits would add; the goal is judged at the
        largest size. The bench's Playwright client runs in the same process and hears each frame the pages receive, so a
        server-side tick costs a little more here than deployed; the lifecycle worker's sweeps count on both sides.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("server CPU of 200 practitioner circuits with a ticking countdown (beyond as many idle circuits)", "idle", "ticking", "per200", 10, "under 10% of a core")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        using var host = new BenchHost();
        var clinicId = await BenchPeople.AddClinicAsync(host, "Countdowns");
        var largest = o.CpuCircuits.Max();
        var people = await BenchPeople.AddAsync(host, clinicId, largest, PortalRoles.Practitioner, BenchPeople.Connections.Active, "tick");
        // A few circuits through the whole cycle first, so JIT tiering and first-use caches are done before any window.
        await using (var warm = await PageSet.OpenAsync(context, host, people.Take(5).Select(p => p.Email), "/"))
        {
            await SetRunningAsync(host, people.Take(5), running: false);
            await SetRunningAsync(host, people.Take(5), running: true);
            await Task.Delay(TimeSpan.FromSeconds(5));
            await warm.LeaveAsync();
        }
        await ServerHeap.WaitForCircuitsClosedAsync(host, people.Take(5).Select(p => p.UserId));

        BenchContext.Log($"{Key}: opening {largest} dashboards");
        await using var pages = await PageSet.OpenAsync(context, host, people.Select(p => p.Email), "/");
        var open = pages.Pages.ToList();
        var figures = new List<Figure>();
        foreach (var n in o.CpuCircuits.OrderDescending())
        {
            foreach (var page in open.Skip(n)) await page.LeaveAsync();
            open = [.. open.Take(n)];
            // Which people the remaining pages belong to does not matter: every connection of the clinic is switched.
            var (ticking, tickingBatches) = await ShareOfCoreAsync(context, open);
            await SetRunningAsync(host, people, running: false);
            var (idle, idleBatches) = await ShareOfCoreAsync(context, open);
            await SetRunningAsync(host, people, running: true);
            var per200 = (ticking - idle) / n * 200;
            BenchContext.Log($"{Key}: {n} circuits: {ticking:0.0}% ticking ({tickingBatches:0} batches/s), {idle:0.0}% idle ({idleBatches:0} batches/s)");
            figures.Add(new($"idle{n}", $"{n} idle dashboards: CPU", idle, "%"));
            figures.Add(new($"ticking{n}", $"{n} dashboards with the countdown running: CPU", ticking, "%"));
            figures.Add(new($"batches{n}", $"{n} dashboards with the countdown running: render batches per second", tickingBatches));
            figures.Add(new($"per200_{n}", $"200 such dashboards beyond idle, from {n}", per200, "%"));
            if (n == largest)
            {
                figures.Add(new("idle", $"idle dashboards at the largest size ({n}): CPU", idle, "%"));
                figures.Add(new("ticking", $"dashboards with the countdown at the largest size ({n}): CPU", ticking, "%"));
                figures.Add(new("per200", "200 dashboards beyond idle, from the largest size", per200, "%"));
            }
        }
        await pages.LeaveAsync();
        return figures;
    }

    /// <summary>Sets the connections Active (the countdown runs) or needing a reconnect (no countdown), saved through the
    /// portal's own context so the change publisher tells the open pages.</summary>
    private static async Task SetRunningAsync(BenchHost host, IEnumerable<BenchPeople.Person> people, bool running)
    {
        var ids = people.Select(p => p.ConnectionId!.Value).ToList();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        foreach (var connection in await db.Connections.Where(c => ids.Contains(c.Id)).ToListAsync())
            connection.State = running ? ConnectionState.Active : ConnectionState.NeedsReconnect;
        await db.SaveChangesAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // every card redrawn
    }

    private static async Task<(double ShareOfCore, double BatchesPerSecond)> ShareOfCoreAsync(BenchContext context, List<BenchPage> pages)
    {
        var batches = pages.Sum(p => p.RenderBatches);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(context.Options.CpuSeconds));
        process.Refresh();
        var elapsed = watch.Elapsed;
        return ((process.TotalProcessorTime - cpuBefore) / elapsed * 100, (pages.Sum(p => p.RenderBatches) - batches) / elapsed.TotalSeconds);
    }
}
