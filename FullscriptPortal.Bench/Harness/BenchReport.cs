using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FullscriptPortal.Bench.Harness;

/// <summary>docs/benchmarks.md: the machine, issue 14's table with every figure as median and spread, then each case. A
/// case not run this time keeps its section and table rows from the report being replaced (each section says when it
/// ran), so <c>--cases x</c> updates x alone.</summary>
internal static partial class BenchReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<string> caseOrder, IReadOnlyList<CaseRuns> cases, string? previous, string commit)
    {
        var carried = CarriedSections(previous);
        var carriedRows = CarriedRows(previous);
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("""
            Run with `dotnet run -c Release --project FullscriptPortal.Bench -- --out docs/benchmarks.md` (one case:
            `--cases grid-page`; several: `--cases refresh,herd`; `--repeats 3` is the default). The portal runs in the bench's
            process as deployed (Release, default logging to the console, the lifecycle worker on, SQLite files on disk), on a
            loopback port, with its embedded simulator; real circuits are Debian's Chromium driven by Playwright. Every figure
            is the median of the runs, with the lowest and highest in brackets. Times are wall-clock on a shared machine:
            compare each figure with its baseline measured in the same run, not the seconds across runs. A case run alone
            replaces its own section and rows; each section says when it ran, on which commit and under what load.
            """);
        md.AppendLine(C, $"Machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. ");
        md.AppendLine(C, $"Run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}, cases {string.Join(", ", cases.Select(c => c.Case.Key))}.");
        md.AppendLine();

        md.AppendLine("## Issue 14's table, measured").AppendLine();
        md.AppendLine("| measure | baseline | now | judged | goal | met | case |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var key in caseOrder)
        {
            if (cases.FirstOrDefault(c => c.Case.Key == key) is { } run)
            {
                foreach (var goal in run.Case.Goals)
                {
                    var judged = run.SpreadOf(goal.JudgedKey);
                    var met = judged is null ? "not measured" : judged.Median <= goal.AtMost ? "yes" : "**no**";
                    md.AppendLine(C, $"| {goal.Measure} | {Cell(run, goal.BaselineKey)} | {Cell(run, goal.NowKey)} | {Cell(run, goal.JudgedKey)} | {goal.Text} | {met} | `{key}` |");
                }
            }
            else
            {
                foreach (var row in carriedRows.Where(r => r.Key == key)) md.AppendLine(row.Line);
            }
        }
        md.AppendLine();

        foreach (var key in caseOrder)
        {
            if (cases.FirstOrDefault(c => c.Case.Key == key) is { } run) Section(md, run, commit);
            else if (carried.TryGetValue(key, out var section)) md.AppendLine(section.TrimEnd()).AppendLine();
        }
        // Sections written by hand (e.g. figures from before a change) stay at the end.
        foreach (var section in HandWritten(previous)) md.AppendLine(section.TrimEnd()).AppendLine();
        return md.ToString();
    }

    private static void Section(StringBuilder md, CaseRuns run, string commit)
    {
        md.AppendLine(C, $"## {run.Case.Title} (`--cases {run.Case.Key}`)").AppendLine();
        md.AppendLine(run.Case.Shows).AppendLine();
        md.AppendLine(C, $"Ran {run.StartedAt:yyyy-MM-dd HH:mm} UTC on commit {commit}: {run.Runs.Count} runs in {run.Elapsed.TotalMinutes:0.0} minutes; "
            + $"load average before {run.LoadBefore}, after {run.LoadAfter}.").AppendLine();
        if (run.Failure is not null) md.AppendLine(C, $"**Stopped:** {run.Failure}").AppendLine();
        if (run.Runs.Count == 0) return;
        md.AppendLine("| figure | median | lowest – highest |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var (figure, spread) in run.Figures())
            md.AppendLine(C, $"| {figure.Label} | {Format(spread.Median, figure.Unit)} | {Format(spread.Min, figure.Unit)} – {Format(spread.Max, figure.Unit)} |");
        md.AppendLine();
    }

    /// <summary>Each case's section of the report being replaced, by case key.</summary>
    private static Dictionary<string, string> CarriedSections(string? previous)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (previous is null) return sections;
        foreach (var part in ("\n" + previous).Split("\n## ").Skip(1))
        {
            var heading = part.Split('\n')[0];
            if (CaseHeading().Match(heading) is { Success: true } match) sections[match.Groups[1].Value] = "## " + part;
        }
        return sections;
    }

    /// <summary>The previous report's sections that are neither a case nor the table.</summary>
    private static IEnumerable<string> HandWritten(string? previous) => previous is null ? [] :
        ("\n" + previous).Split("\n## ").Skip(1)
            .Where(part => !CaseHeading().IsMatch(part.Split('\n')[0]) && !part.StartsWith("Issue 14's table", StringComparison.Ordinal))
            .Select(part => "## " + part);

    /// <summary>The rows of the previous report's table, by the case that measured them.</summary>
    private static List<(string Key, string Line)> CarriedRows(string? previous)
    {
        if (previous is null) return [];
        var start = previous.IndexOf("## Issue 14's table, measured", StringComparison.Ordinal);
        if (start < 0) return [];
        var end = previous.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var table = end < 0 ? previous[start..] : previous[start..end];
        return [.. table.Split('\n').Select(l => (Match: RowCase().Match(l), Line: l.TrimEnd())).Where(r => r.Match.Success).Select(r => (r.Match.Groups[1].Value, r.Line))];
    }

    private static string Cell(CaseRuns run, string? key)
    {
        if (key is null) return "–";
        var spread = run.SpreadOf(key);
        var unit = run.FigureOf(key)?.Unit ?? "";
        return spread is null ? "–" : $"{Format(spread.Median, unit)} ({Format(spread.Min, unit)} – {Format(spread.Max, unit)})";
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

    [GeneratedRegex(@"\(`--cases ([a-z0-9-]+)`\)\s*$")]
    private static partial Regex CaseHeading();

    [GeneratedRegex(@"\| `([a-z0-9-]+)` \|\s*$")]
    private static partial Regex RowCase();
}
