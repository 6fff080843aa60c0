using System.Diagnostics;
using FullscriptPortal.Bench.Cases;
using FullscriptPortal.Bench.Harness;

// Measures each row of issue 14's table next to its baseline, and the refresh figures, in one command (Release; see
// README): every case runs --repeats times and the report gives each figure's median and spread.
var options = BenchOptions.Parse(args);
BenchCase[] all =
[
    new RefreshPass(sequential: false),
    new RefreshPass(sequential: true),
    new ThunderingHerd(),
    new CircuitHeap(),
    new CountdownCpu(),
    new LiveFanOut(),
    new GridPage(),
    new CoverageTiles(),
    new ConnectToActive(),
    new PostgresRefreshPass(),
    new PostgresNotify(),
];
var unknown = options.Cases?.Except(all.Select(c => c.Key)).ToList() ?? [];
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown case(s): {string.Join(", ", unknown)}. Cases: {string.Join(", ", all.Select(c => c.Key))}.");
    return 2;
}

// The cheap cases first and the long refresh passes last, so a run stopped early has the most to show; the report keeps
// the order of issue 14's table and is written after every run.
string[] executionOrder = ["herd", "live-fanout", "grid-page", "coverage", "connect", "circuit-heap", "countdown-cpu", "pg-notify", "pg-refresh", "refresh-sequential", "refresh"];
var previous = options.Output is { } existing && File.Exists(existing) ? await File.ReadAllTextAsync(existing) : null;
var commit = Commit();
var results = new List<CaseRuns>();

async Task WriteReportAsync()
{
    var report = BenchReport.Render([.. all.Select(c => c.Key)], results, previous, commit);
    if (options.Output is { } output) await File.WriteAllTextAsync(output, report);
    else Console.Error.WriteLine(report);
}

await using (var context = new BenchContext(options))
{
    foreach (var benchCase in all.Where(c => options.Cases is null || options.Cases.Contains(c.Key)).OrderBy(c => Array.IndexOf(executionOrder, c.Key)))
    {
        var runs = new CaseRuns(benchCase) { StartedAt = DateTimeOffset.UtcNow, LoadBefore = Load() };
        results.Add(runs);
        var caseClock = Stopwatch.StartNew();
        try
        {
            for (var run = 1; run <= options.Repeats; run++)
            {
                BenchContext.Log($"{benchCase.Key}: run {run} of {options.Repeats}");
                var figures = await benchCase.RunOnceAsync(context, run);
                runs.Runs.Add(figures);
                foreach (var f in figures) BenchContext.Log($"  {f.Label}: {BenchReport.Format(f.Value, f.Unit)}");
                (runs.Elapsed, runs.LoadAfter) = (caseClock.Elapsed, Load());
                await WriteReportAsync();
            }
        }
        catch (Exception ex)
        {
            runs.Failure = $"{ex.GetType().Name}: {ex.Message}";
            BenchContext.Log($"{benchCase.Key} failed: {ex}");
        }
        finally
        {
            await benchCase.DisposeAsync();
            (runs.Elapsed, runs.LoadAfter) = (caseClock.Elapsed, Load());
            await WriteReportAsync();
        }
    }
}
if (options.Output is { } written) BenchContext.Log($"Written to {written}");
return results.Any(r => r.Failure is not null) ? 1 : 0;

static string Load()
{
    try { return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "unknown"; }
}

static string Commit()
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var sha = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? sha : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
