using System.Diagnostics;
using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Browser;
using FullscriptPortal.Bench.Harness;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Server CPU of practitioner dashboards whose countdown ticks, against as many idle circuits.</summary>
internal sealed class CountdownCpu : BenchCase
{
    public override string Key => "countdown-cpu";

    public override string Title => "Server CPU per practitioner circuit with a ticking countdown";

    public override string Shows => """
        For each size in `--cpu-circuits` (default 30 and 100), that many practitioners with an Active connection open a
        near-empty page (`/not-found`: idle circuits), then their dashboard (`/`, the card's countdown ticking), in
        Chromium. Over `--cpu-seconds` (default 30) each, the CPU time of the process the portal runs in
        (`Process.TotalProcessorTime`, user and kernel), as a share of one core. The dashboards' CPU beyond the idle
        circuits', divided by the number of circuits and multiplied by 200, is what 200 such circuits would add; the
        goal is judged at the largest size. Both pages are opened and closed once by everyone first (JIT, caches). The
        bench's Playwright client runs in the same process and hears each frame the pages receive, so a server-side tick
        costs a little more here than deployed; the lifecycle worker's sweeps count on both sides.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("server CPU of 200 practitioner circuits with a ticking countdown (beyond as many idle circuits)", "idle", "ticking", "per200", 10, "under 10% of a core")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        using var host = new BenchHost();
        var clinicId = await BenchPeople.AddClinicAsync(host, "Countdowns");
        var people = await BenchPeople.AddAsync(host, clinicId, o.CpuCircuits.Max(), PortalRoles.Practitioner, BenchPeople.Connections.Active, "tick");
        // Once through both pages with every circuit, so JIT tiering and first-use caches are done before any window.
        foreach (var path in new[] { "/not-found", "/" })
        {
            await using var warm = await PageSet.OpenAsync(context, host, people.Select(p => p.Email), path);
            await Task.Delay(TimeSpan.FromSeconds(5));
            await warm.LeaveAsync();
            await ServerHeap.WaitForCircuitsClosedAsync(host, people.Select(p => p.UserId));
        }
        var figures = new List<Figure>();
        foreach (var n in o.CpuCircuits.Order())
        {
            var chosen = people.Take(n).ToList();
            var idle = await ShareOfCoreAsync(context, host, chosen, "/not-found");
            var ticking = await ShareOfCoreAsync(context, host, chosen, "/");
            var per200 = (ticking - idle) / n * 200;
            figures.Add(new($"idle{n}", $"{n} idle circuits (/not-found): CPU", idle, "%"));
            figures.Add(new($"ticking{n}", $"{n} dashboards with a ticking countdown: CPU", ticking, "%"));
            figures.Add(new($"per200_{n}", $"200 such dashboards beyond idle, from {n}", per200, "%"));
            if (n == o.CpuCircuits.Max())
            {
                figures.Add(new("idle", $"idle circuits at the largest size ({n}): CPU", idle, "%"));
                figures.Add(new("ticking", $"dashboards at the largest size ({n}): CPU", ticking, "%"));
                figures.Add(new("per200", "200 dashboards beyond idle, from the largest size", per200, "%"));
            }
        }
        return figures;
    }

    private static async Task<double> ShareOfCoreAsync(BenchContext context, BenchHost host, List<BenchPeople.Person> people, string path)
    {
        await using var pages = await PageSet.OpenAsync(context, host, people.Select(p => p.Email), path);
        await Task.Delay(TimeSpan.FromSeconds(5)); // first renders done
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(context.Options.CpuSeconds));
        process.Refresh();
        var share = (process.TotalProcessorTime - cpuBefore) / watch.Elapsed * 100;
        var batches = pages.RenderBatches;
        await pages.LeaveAsync();
        await ServerHeap.WaitForCircuitsClosedAsync(host, people.Select(p => p.UserId));
        BenchContext.Log($"countdown-cpu: {people.Count} × {path}: {share:0.0}% of a core, {batches} render batches since opening");
        return share;
    }
}
