using System.Diagnostics;
using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Browser;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Connect;
using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>Refreshing due connections through the portal against the same number of bare token calls, run as deployed:
/// default logging, the worker on, and other people's dashboards open (their render batches counted). Concurrent (many at
/// a time: mostly the simulator's own work on the shared cores) or sequential (one at a time: the portal's added cost per
/// refresh shows).</summary>
internal sealed class RefreshPass(bool sequential) : BenchCase
{
    // One portal, its dashboards open, for every run: opening 30 pages takes minutes on a loaded machine.
    private BenchHost? _host;
    private BareProvider? _bare;
    private PageSet? _dashboards;

    public override string Key => sequential ? "refresh-sequential" : "refresh";

    public override string Title => sequential ? "Refreshing due connections one at a time" : "Refreshing due connections, many at a time (default 10,000, 16 at a time)";

    public override string Shows => sequential
        ? """
          The same pass one refresh at a time (`--sequential` connections, default 1,000): nothing overlaps, so the difference
          per refresh is what the portal adds to one provider call (single flight, the database lease, the durable token
          write with its full sync, the audit entry, six log lines, the change notification), undiluted by the simulator's
          own work on the shared cores. Bare calls run before and after the portal's pass; the baseline is their mean. The
          worker, logging and the open dashboards are as in the concurrent case.
          """
        : """
          A bare pass of token calls to the simulator, the portal's refresh pass over as many due connections
          (`ConnectionTokens.RefreshAsync`, `--concurrency` at a time), and a second bare pass; the ratio is the portal's
          pass over the mean of the bare ones. Both sides share the two cores with the simulator, which does most of the
          work, so this ratio shows what the portal costs a fleet refresh when the provider is busy, not the portal's cost
          per refresh (the sequential case shows that). The worker runs beside it (as deployed), but the pass's connections have an
          hour left, beyond its margin, so the pass refreshes each of them itself (forced: the same lease, call, write,
          audit and notification as a due one) and the worker cannot take a share. The portal, its 30 dashboards and the
          worker stay up across the runs (each run seeds fresh connections and grants). The other people's dashboards (`--dashboards`, default 30, each with a ticking countdown) stay open in Chromium
          throughout; their render batches during the pass are counted against the same pages' quiet rate.
          """;

    public override IReadOnlyList<Goal> Goals => sequential
        ? [new("refresh pass, one at a time: the portal's pass vs bare token calls", "bare", "portal", "ratio", 1.5, "at most 1.5x")]
        : [
            new("refresh pass, 16 at a time: the portal's pass vs bare token calls", "bare", "portal", "ratio", 1.5, "at most 1.5x"),
            new("refresh pass: connections whose stored refresh token is not Fullscript's latest", null, "lost", "lost", 0, "0"),
        ];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var o = context.Options;
        var count = sequential ? o.SequentialConnections : o.Connections;
        var concurrency = sequential ? 1 : o.Concurrency;
        if (_host is null)
        {
            _host = new BenchHost();
            _host.Faults.Latency = TimeSpan.FromMilliseconds(o.LatencyMs);
            _bare = new BareProvider(_host);
            BenchContext.Log($"{Key}: opening {o.Dashboards} other people's dashboards");
            var others = await BenchPeople.AddAsync(_host, await BenchPeople.AddClinicAsync(_host, "Elsewhere"), o.Dashboards, PortalRoles.Practitioner, BenchPeople.Connections.Active, "other");
            _dashboards = await PageSet.OpenAsync(context, _host, others.Select(p => p.Email), "/");
            BenchContext.Log($"{Key}: warming up");
            await _bare.RefreshAllAsync(await Seeder.SeedAsync(_host, 100, withConnections: false, "warm-bare"), concurrency);
            await PortalPassAsync(_host, await Seeder.SeedAsync(_host, 100, withConnections: true, "warm", due: false), concurrency);
        }
        var (host, bare, dashboards) = (_host, _bare!, _dashboards!);

        BenchContext.Log($"{Key}: seeding {count:N0} connections and {2 * count:N0} bare grants");
        var portalGrants = await Seeder.SeedAsync(host, count, withConnections: true, $"p{run}-", due: false);
        var bareFirst = await Seeder.SeedAsync(host, count, withConnections: false, $"a{run}-");
        var bareSecond = await Seeder.SeedAsync(host, count, withConnections: false, $"b{run}-");

        var quietStart = dashboards.RenderBatches;
        var quietWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var quietRate = (dashboards.RenderBatches - quietStart) / quietWatch.Elapsed.TotalSeconds;

        BenchContext.Log($"{Key}: bare, portal, bare");
        var bare1 = await bare.RefreshAllAsync(bareFirst, concurrency);
        var batchesBefore = dashboards.RenderBatches;
        var (portal, byWorker) = await PortalPassAsync(host, portalGrants, concurrency);
        var batchesDuring = dashboards.RenderBatches - batchesBefore;
        var bare2 = await bare.RefreshAllAsync(bareSecond, concurrency);
        var bareMean = (bare1 + bare2) / 2;
        var lost = await LostAsync(host, portalGrants);

        var woken = batchesDuring - (quietRate * portal.TotalSeconds);
        List<Figure> figures =
        [
            new("bare1", "bare token calls, before", bare1.TotalMilliseconds, "ms"),
            new("portal", "the portal's refresh pass", portal.TotalMilliseconds, "ms"),
            new("bare2", "bare token calls, after", bare2.TotalMilliseconds, "ms"),
            new("bare", "bare token calls, mean", bareMean.TotalMilliseconds, "ms"),
            new("ratio", "the portal's pass over the bare mean", portal / bareMean, "x"),
            new("added", "added per refresh ((portal − bare) × concurrency ÷ connections)", (portal - bareMean).TotalMilliseconds * concurrency / count, "ms"),
            new("worker", "of them refreshed by the worker instead (should be 0: not due for it)", byWorker),
            new("lost", "connections whose stored refresh token is not the simulator's latest", lost),
            new("quiet", $"render batches per second to the {o.Dashboards} dashboards, quiet", quietRate),
            new("during", $"render batches to the {o.Dashboards} dashboards during the pass", batchesDuring),
            new("woken", "of those, beyond their quiet rate (what the pass woke)", Math.Max(0, Math.Round(woken))),
        ];
        return figures;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_dashboards is not null)
        {
            await _dashboards.LeaveAsync();
            await _dashboards.DisposeAsync();
        }
        _bare?.Dispose();
        _host?.Dispose();
        await base.DisposeAsync();
    }

    public static async Task<(TimeSpan Elapsed, int ByWorker)> PortalPassAsync(BenchHost host, IReadOnlyList<Seeder.SeededGrant> grants, int concurrency)
    {
        var byWorker = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(grants, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (grant, token) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            // Forced: the connections are not due for the worker (an hour left), so the pass alone refreshes them.
            var outcome = await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().RefreshAsync(grant.ConnectionId, "bench", force: true, token);
            if (outcome.Result == RefreshResult.NotNeeded) Interlocked.Increment(ref byWorker);
            else if (outcome.Result != RefreshResult.Refreshed) throw new InvalidOperationException($"Refresh of {grant.ConnectionId} ended {outcome.Result}: {outcome.Code}");
        });
        return (watch.Elapsed, byWorker);
    }

    /// <summary>Connections whose stored refresh token is not the one the simulator issued last (a lost rotation).</summary>
    public static async Task<int> LostAsync(BenchHost host, IReadOnlyList<Seeder.SeededGrant> grants, BenchHost? portalHost = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await using var portalScope = (portalHost ?? host).Services.CreateAsyncScope();
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatedFullscript>();
        var protector = portalScope.ServiceProvider.GetRequiredService<TokenProtector>();
        await using var db = await portalScope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.Connections.Where(c => c.RefreshTokenProtected != null).ToDictionaryAsync(c => c.Id, c => c.RefreshTokenProtected!);
        var lost = 0;
        foreach (var grant in grants)
        {
            var live = await simulator.LiveRefreshTokenHashAsync(grant.GrantId, default);
            if (!stored.TryGetValue(grant.ConnectionId, out var ciphertext) || OAuthSecrets.Hash(protector.Unprotect(ciphertext)) != live) lost++;
        }
        return lost;
    }
}
