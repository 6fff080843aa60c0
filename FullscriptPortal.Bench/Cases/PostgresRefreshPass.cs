using FullscriptPortal.Bench.Harness;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Issue 13: refreshing due connections with three instances on one PostgreSQL database, against the same bare
/// token calls to the one simulator they share.</summary>
internal sealed class PostgresRefreshPass : BenchCase
{
    private const int InstanceCount = 3;
    private PostgresCluster? _cluster;

    public override string Key => "pg-refresh";

    public override string Title => "Refreshing 10,000 due connections with three instances on PostgreSQL";

    public override string Shows => """
        A throwaway PostgreSQL server (the machine's binaries, fsync on), one simulator and three portal instances on the
        one database, all in the bench's process, worker on in each (one holds the worker lease). The due connections are
        dealt out to the three instances, each refreshing its share `--concurrency` ÷ 3 (rounded up) at a time, all
        three at once; the bare passes call the same simulator with the same total concurrency. The ratio is the
        instances' pass over the mean of the bare ones; lost connections are those whose stored refresh token is not the
        simulator's latest afterwards.
        """;

    public override IReadOnlyList<Goal> Goals =>
    [
        new("PostgreSQL, three instances: refresh pass vs bare token calls", "bare", "portal", "ratio", 1.5, "at most 1.5x"),
        new("PostgreSQL, three instances: connections lost", null, "lost", "lost", 0, "0"),
    ];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        _cluster ??= await PostgresCluster.StartAsync(InstanceCount, o.LatencyMs);
        var cluster = _cluster;
        var first = cluster.Instances[0];
        var share = (o.Concurrency + InstanceCount - 1) / InstanceCount;
        var total = share * InstanceCount;
        using var bare = new BareProvider(cluster.Simulator);

        BenchContext.Log($"{Key}: warming up, then seeding {o.Connections:N0} connections and {2 * o.Connections:N0} bare grants");
        await bare.RefreshAllAsync(await Seeder.SeedAsync(cluster.Simulator, 100, withConnections: false, $"warm-bare{run}-"), total);
        await PassAsync(cluster, await Seeder.SeedAsync(cluster.Simulator, 99, withConnections: true, $"warm{run}-", portalHost: first), share);
        var grants = await Seeder.SeedAsync(cluster.Simulator, o.Connections, withConnections: true, $"p{run}-", due: false, portalHost: first);
        var bareFirst = await Seeder.SeedAsync(cluster.Simulator, o.Connections, withConnections: false, $"a{run}-");
        var bareSecond = await Seeder.SeedAsync(cluster.Simulator, o.Connections, withConnections: false, $"b{run}-");

        BenchContext.Log($"{Key}: bare, three instances, bare");
        var bare1 = await bare.RefreshAllAsync(bareFirst, total);
        await Seeder.MakeDueAsync(first, grants);
        var (portal, byWorker) = await PassAsync(cluster, grants, share);
        var bare2 = await bare.RefreshAllAsync(bareSecond, total);
        var bareMean = (bare1 + bare2) / 2;
        var lost = await RefreshPass.LostAsync(cluster.Simulator, grants, first);
        return
        [
            new("bare1", $"bare token calls, before ({total} at a time)", bare1.TotalMilliseconds, "ms"),
            new("portal", $"three instances' refresh pass ({share} at a time each)", portal.TotalMilliseconds, "ms"),
            new("bare2", "bare token calls, after", bare2.TotalMilliseconds, "ms"),
            new("bare", "bare token calls, mean", bareMean.TotalMilliseconds, "ms"),
            new("ratio", "the instances' pass over the bare mean", portal / bareMean, "x"),
            new("worker", "already refreshed by a worker when the pass reached them", byWorker),
            new("lost", "connections whose stored refresh token is not the simulator's latest", lost),
        ];
    }

    private static async Task<(TimeSpan Elapsed, int ByWorker)> PassAsync(PostgresCluster cluster, IReadOnlyList<Seeder.SeededGrant> grants, int concurrency)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var passes = await Task.WhenAll(cluster.Instances.Select((host, i) =>
            RefreshPass.PortalPassAsync(host, [.. grants.Where((_, n) => n % cluster.Instances.Count == i)], concurrency)));
        return (watch.Elapsed, passes.Sum(p => p.ByWorker));
    }

    public override async ValueTask DisposeAsync()
    {
        _cluster?.Dispose();
        await base.DisposeAsync();
    }
}
