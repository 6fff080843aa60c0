namespace FullscriptPortal.Bench.Harness;

/// <summary>The median of a figure over the runs, and its range.</summary>
internal sealed record Spread(double Median, double Min, double Max, int Runs)
{
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>The value below which <paramref name="p"/> of <paramref name="values"/> lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static double MedianOf(IReadOnlyCollection<double> values) => Of(values).Median;
}
