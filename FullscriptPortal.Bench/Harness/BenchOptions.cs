using System.Globalization;

namespace FullscriptPortal.Bench.Harness;

/// <summary>The command line: <c>--cases a,b</c>, <c>--repeats 3</c>, <c>--out file</c>, and each case's sizes.</summary>
internal sealed record BenchOptions(
    IReadOnlyList<string>? Cases,
    int Repeats,
    string? Output,
    int Connections,
    int SequentialConnections,
    int LatencyMs,
    int Concurrency,
    int Callers,
    int Dashboards,
    int HeapCircuits,
    IReadOnlyList<int> CpuCircuits,
    int CpuSeconds,
    int ClinicSize)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        IReadOnlyList<string>? List(string name) => Value(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(
            List("--cases"),
            Number("--repeats", 3),
            Value("--out"),
            Number("--connections", 10_000),
            Number("--sequential", 1_000),
            Number("--latency-ms", 10),
            Number("--concurrency", 16),
            Number("--callers", 1_000),
            Number("--dashboards", 30),
            Number("--heap-circuits", 30),
            List("--cpu-circuits")?.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray() ?? [30, 100],
            Number("--cpu-seconds", 30),
            Number("--clinic-size", 10_000));
    }
}
