using System.Diagnostics;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>A thousand callers ask for one expired connection's access token at once: one call reaches Fullscript, and
/// every caller's wait counts from one common start.</summary>
internal sealed class ThunderingHerd : BenchCase
{
    public override string Key => "herd";

    public override string Title => "1,000 concurrent callers on one expired connection";

    public override string Shows => """
        `--callers` (default 1,000) tasks ask `ConnectionTokens.GetAccessTokenAsync` for the same expired connection. They
        are all created first and wait on one asynchronous gate; each caller's wait is measured from the moment the gate
        opens (one common start for all), not from when the caller itself got going, so time spent queued for a thread
        counts. The baseline is the median of 25 bare token calls one at a time; the goal is on the 99th percentile wait
        over it. Worker on, default logging, simulator latency `--latency-ms` (default 10 ms).
        """;

    public override IReadOnlyList<Goal> Goals =>
    [
        new("1,000 callers on one expired connection: 99th-percentile wait over one provider call", "provider", "p99", "p99over", 20, "under 20 ms"),
        new("1,000 callers: token calls that reached the provider", null, "calls", "calls", 1, "1"),
    ];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        using var host = new BenchHost();
        host.Faults.Latency = TimeSpan.FromMilliseconds(o.LatencyMs);
        using var bare = new BareProvider(host);

        // Warm both paths, then the baseline: one bare call at a time.
        await bare.RefreshAllAsync(await Seeder.SeedAsync(host, 50, withConnections: false, "warm-bare"), 4);
        var warm = await Seeder.SeedAsync(host, 50, withConnections: true, "warm");
        await Parallel.ForEachAsync(warm, async (grant, token) => await TokenAsync(host, grant.ConnectionId, token));
        var baseline = new List<double>();
        foreach (var grant in await Seeder.SeedAsync(host, 25, withConnections: false, "one"))
        {
            var watch = Stopwatch.StartNew();
            await bare.RefreshAsync(grant.RefreshToken);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }
        var provider = Spread.MedianOf(baseline);

        // Due only now, so the worker (on, as deployed) cannot have refreshed it first.
        var herd = (await Seeder.SeedAsync(host, 1, withConnections: true, "herd", due: false))[0];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ends = new long[o.Callers];
        var callers = Enumerable.Range(0, o.Callers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var token = await TokenAsync(host, herd.ConnectionId, default);
            ends[i] = Stopwatch.GetTimestamp();
            return token;
        })).ToArray();
        await Task.Delay(200); // every caller is parked on the gate
        await Seeder.MakeDueAsync(host, [herd]);
        var start = Stopwatch.GetTimestamp();
        gate.SetResult();
        var tokens = await Task.WhenAll(callers);
        var waits = ends.Select(end => Stopwatch.GetElapsedTime(start, end).TotalMilliseconds).ToArray();

        int calls;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var grants = await scope.ServiceProvider.GetRequiredService<SimulatedFullscript>().ListGrantsAsync(default);
            calls = grants.Single(g => g.Id == herd.GrantId).Tokens.Count(t => t.Kind == SimTokenKind.Access);
        }
        var p99 = Spread.Percentile(waits, 0.99);
        return
        [
            new("provider", "one bare provider call (median of 25)", provider, "ms"),
            new("p50", "callers' wait from the common start, median", Spread.Percentile(waits, 0.5), "ms"),
            new("p99", "callers' wait from the common start, 99th percentile", p99, "ms"),
            new("max", "callers' wait from the common start, longest", waits.Max(), "ms"),
            new("p99over", "99th percentile over the provider call", p99 - provider, "ms"),
            new("calls", "token calls that reached the provider", calls),
            new("tokens", "distinct access tokens handed out", tokens.Distinct().Count()),
        ];
    }

    private static async Task<string> TokenAsync(BenchHost host, Guid connectionId, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var (token, outcome) = await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().GetAccessTokenAsync(connectionId, "bench", cancellationToken);
        return token ?? throw new InvalidOperationException($"No token: {outcome.Result} {outcome.Code}");
    }
}
