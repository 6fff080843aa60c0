using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FullscriptPortal.Bench.Harness;

/// <summary>docs/benchmarks.md: the machine, issue 14's table with every figure as median and spread, then each case.</summary>
internal static class BenchReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(BenchOptions options, IReadOnlyList<CaseRuns> cases, DateTimeOffset started, TimeSpan elapsed, string loadBefore, string loadAfter, string commit)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("""
            Run with `dotnet run -c Release --project FullscriptPortal.Bench -- --out docs/benchmarks.md` (one case:
            `--cases grid-page`; several: `--cases refresh,herd`; `--repeats 3` is the default). The portal runs in the bench's
            process as deployed (Release, default logging to the console, the lifecycle worker on, SQLite files on disk), on a
            loopback port, with its embedded simulator; real circuits are Debian's Chromium driven by Playwright. Every figure
            is the median of the runs, with the lowest and highest in brackets. Times are wall-clock on a shared machine:
            compare each figure with its baseline measured in the same run, not the seconds across runs.
            """);
        md.AppendLine(C, $"Machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.  ");
        md.AppendLine(C, $"Run: {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:0} minutes, {options.Repeats} runs of each case, commit {commit}.  ");
        md.AppendLine(C, $"Load (uptime) before: {loadBefore}; after: {loadAfter}. Other engineers' builds shared the two cores, so spreads are wide.");
        md.AppendLine();

        md.AppendLine("## Issue 14's table, measured").AppendLine();
        md.AppendLine("| measure | baseline | now | judged | goal | met |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var run in cases)
        {
            foreach (var goal in run.Case.Goals)
            {
                var judged = run.SpreadOf(goal.JudgedKey);
                var met = judged is null ? "not measured" : judged.Median <= goal.AtMost ? "yes" : "**no**";
                md.AppendLine(C, $"| {goal.Measure} | {Cell(run, goal.BaselineKey)} | {Cell(run, goal.NowKey)} | {Cell(run, goal.JudgedKey)} | {goal.Text} | {met} |");
            }
        }
        md.AppendLine();

        foreach (var run in cases)
        {
            md.AppendLine(C, $"## {run.Case.Title} (`--cases {run.Case.Key}`)").AppendLine();
            md.AppendLine(run.Case.Shows).AppendLine();
            if (run.Failure is not null) md.AppendLine(C, $"**Stopped:** {run.Failure}").AppendLine();
            if (run.Runs.Count == 0) continue;
            md.AppendLine(C, $"{run.Runs.Count} runs, {run.Elapsed.TotalMinutes:0.0} minutes in all.").AppendLine();
            md.AppendLine("| figure | median | lowest–highest |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var (figure, spread) in run.Figures())
                md.AppendLine(C, $"| {figure.Label} | {Format(spread.Median, figure.Unit)} | {Format(spread.Min, figure.Unit)} – {Format(spread.Max, figure.Unit)} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Cell(CaseRuns run, string? key)
    {
        if (key is null) return "–";
        var spread = run.SpreadOf(key);
        var unit = run.FigureOf(key)?.Unit ?? "";
        return spread is null ? "–" : $"{Format(spread.Median, unit)} ({Format(spread.Min, unit)}–{Format(spread.Max, unit)})";
    }

    public static string Format(double value, string unit) => unit switch
    {
        "x" => value.ToString("0.00", C) + "x",
        "%" => value.ToString("0.0", C) + "%",
        "ms" => (Math.Abs(value) < 10 ? value.ToString("0.00", C) : Math.Abs(value) < 100 ? value.ToString("0.0", C) : value.ToString("#,0", C)) + " ms",
        "" => value.ToString(value == Math.Round(value) ? "#,0" : "#,0.0", C),
        _ => value.ToString("#,0", C) + " " + unit,
    };

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
