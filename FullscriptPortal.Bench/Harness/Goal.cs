namespace FullscriptPortal.Bench.Harness;

/// <summary>A row of issue 14's table: the figure measured now beside its baseline, and the ratio (or count) whose median
/// must stay at or below <paramref name="AtMost"/>.</summary>
/// <param name="Measure">The row's words.</param>
/// <param name="BaselineKey">The baseline figure, or null where the goal is an absolute count.</param>
/// <param name="NowKey">The figure measured now.</param>
/// <param name="JudgedKey">The figure the goal judges (a ratio, a count, a share of a core).</param>
/// <param name="AtMost">The largest median that meets the goal.</param>
/// <param name="Text">The goal in words.</param>
internal sealed record Goal(string Measure, string? BaselineKey, string NowKey, string JudgedKey, double AtMost, string Text);
