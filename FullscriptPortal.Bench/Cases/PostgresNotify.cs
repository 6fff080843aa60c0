using System.Diagnostics;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Data;
using FullscriptPortal.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Issue 13: the time from a change saved on one instance to the notification on another (LISTEN/NOTIFY),
/// against the same notification on the instance that saved it.</summary>
internal sealed class PostgresNotify : BenchCase
{
    private const int Changes = 100;
    private PostgresCluster? _cluster;

    public override string Key => "pg-notify";

    public override string Title => "A change on one instance, heard on another (PostgreSQL LISTEN/NOTIFY)";

    public override string Shows => """
        Two portal instances on one PostgreSQL database (with the simulator host beside them). 100 times, one after
        another, instance A saves a change to a connection (its state reason) through its own `PortalDbContext`; the time
        runs from just before `SaveChangesAsync` until instance B's `ConnectionNotifier` calls a subscriber of that
        connection, and, as the baseline, until A's own notifier does. Median and 99th percentile of the 100.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("PostgreSQL: a change on one instance heard on another, 99th percentile", "local-p99", "remote-p99", "remote-p99", 1000, "within a second (issue 13)")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        _cluster ??= await PostgresCluster.StartAsync(2, context.Options.LatencyMs);
        var (a, b) = (_cluster.Instances[0], _cluster.Instances[1]);
        var connectionId = (await Seeder.SeedAsync(_cluster.Simulator, 1, withConnections: true, $"notify{run}-", due: false, portalHost: a))[0].ConnectionId;
        var key = ChangeKey.Connection(connectionId);

        var local = new List<double>();
        var remote = new List<double>();
        for (var i = 0; i <= Changes; i++)
        {
            var heardHere = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var heardThere = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var here = a.Services.GetRequiredService<ConnectionNotifier>().Subscribe(key, _ => { heardHere.TrySetResult(Stopwatch.GetTimestamp()); return Task.CompletedTask; });
            using var there = b.Services.GetRequiredService<ConnectionNotifier>().Subscribe(key, _ => { heardThere.TrySetResult(Stopwatch.GetTimestamp()); return Task.CompletedTask; });
            await using var db = await a.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var connection = await db.Connections.SingleAsync(c => c.Id == connectionId);
            connection.StateReason = $"bench change {run}.{i}";
            var start = Stopwatch.GetTimestamp();
            await db.SaveChangesAsync();
            var localAt = await heardHere.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var remoteAt = await heardThere.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (i == 0) continue; // the first one warms the path
            local.Add(Stopwatch.GetElapsedTime(start, localAt).TotalMilliseconds);
            remote.Add(Stopwatch.GetElapsedTime(start, remoteAt).TotalMilliseconds);
        }
        return
        [
            new("local-p50", "heard on the same instance, median", Spread.Percentile(local, 0.5), "ms"),
            new("local-p99", "heard on the same instance, 99th percentile", Spread.Percentile(local, 0.99), "ms"),
            new("remote-p50", "heard on the other instance, median", Spread.Percentile(remote, 0.5), "ms"),
            new("remote-p99", "heard on the other instance, 99th percentile", Spread.Percentile(remote, 0.99), "ms"),
        ];
    }

    public override async ValueTask DisposeAsync()
    {
        _cluster?.Dispose();
        await base.DisposeAsync();
    }
}
