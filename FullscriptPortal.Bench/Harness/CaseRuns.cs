namespace FullscriptPortal.Bench.Harness;

/// <summary>Every run of one case, and what stopped it if something did.</summary>
internal sealed class CaseRuns(BenchCase benchCase)
{
    public BenchCase Case => benchCase;

    public List<IReadOnlyList<Figure>> Runs { get; } = [];

    public string? Failure { get; set; }

    public TimeSpan Elapsed { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The machine's load average (uptime) when the case started and ended.</summary>
    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    /// <summary>Each figure's label, unit and spread over the runs, in the order the case reports them.</summary>
    public IReadOnlyList<(Figure First, Spread Spread)> Figures() =>
        [.. Runs.SelectMany(r => r).GroupBy(f => f.Key).Select(g => (g.First(), Spread.Of([.. g.Select(f => f.Value)])))];

    public Spread? SpreadOf(string key) => Figures().Where(f => f.First.Key == key).Select(f => f.Spread).FirstOrDefault();

    public Figure? FigureOf(string key) => Runs.SelectMany(r => r).FirstOrDefault(f => f.Key == key);
}
