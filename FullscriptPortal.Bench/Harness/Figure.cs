namespace FullscriptPortal.Bench.Harness;

/// <summary>One measured value of one run of a case; the report shows its median and spread over the runs.</summary>
/// <param name="Key">Names the figure inside its case (goals refer to it).</param>
/// <param name="Label">What the reader sees.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">ms, KB, %, x, or empty for a count.</param>
internal sealed record Figure(string Key, string Label, double Value, string Unit = "");
