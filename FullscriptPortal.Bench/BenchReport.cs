using System.Globalization;
using System.Runtime.InteropServices;

namespace FullscriptPortal.Bench;

internal static class BenchReport
{
    public static string Render(BenchOptions o, TimeSpan bare1, TimeSpan bare2, TimeSpan portal, double ratio, int lost, int providerCalls,
        int distinctTokens, double providerLatencyMs, double p50WaitMs, double p99WaitMs, double p99OverProviderMs)
    {
        var c = CultureInfo.InvariantCulture;
        string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", c);
        string D(double d) => d.ToString("0.0", c);
        return $"""
            # Benchmarks

            Run with `dotnet run -c Release --project FullscriptPortal.Bench -- --out docs/benchmarks.md` (options: `--connections`,
            `--latency-ms`, `--concurrency`, `--callers`). The portal and its simulator run in one process on a loopback port; the
            simulator adds {o.LatencyMs} ms to every answer. Times are wall-clock on a shared machine: compare the ratio, not the
            seconds.

            Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {CpuModel()}.
            Run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.

            ## Refreshing {o.Connections:N0} due connections, {o.Concurrency} at a time

            | pass | time (ms) |
            | --- | --- |
            | bare refresh calls to the simulator, before | {Ms(bare1)} |
            | the portal's refresh (coordination, lease, durable storage, audit) | {Ms(portal)} |
            | bare refresh calls to the simulator, after | {Ms(bare2)} |

            Ratio of the portal's pass to the mean of the bare passes: **{ratio.ToString("0.00", c)}** (goal: at most 1.5).
            Connections whose stored refresh token is not the one the simulator issued last: **{lost}** (goal: 0).

            ## {o.Callers:N0} concurrent callers on one expired connection

            | measure | value |
            | --- | --- |
            | token calls to the provider | **{providerCalls}** (goal: 1) |
            | distinct access tokens handed out | {distinctTokens} |
            | one bare provider call (median) | {D(providerLatencyMs)} ms |
            | callers' wait, median / 99th percentile | {D(p50WaitMs)} ms / {D(p99WaitMs)} ms |
            | 99th-percentile wait over the provider call | **{D(p99OverProviderMs)} ms** (goal: under 20 ms) |

            """;
    }

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
