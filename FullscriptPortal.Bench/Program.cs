using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using FullscriptPortal.Bench;
using FullscriptPortal.Connect;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

// Measures what the portal's coordination and storage add to refreshing tokens, against bare token calls to the same
// simulator from the same machine, side by side. Release build; see README for the command.
var options = BenchOptions.Parse(args);
using var host = new BenchHost();
var address = host.Address;
host.Faults.Latency = TimeSpan.FromMilliseconds(options.LatencyMs);
using var http = new HttpClient { BaseAddress = address };
var simulatorOptions = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value;

async Task<TimeSpan> BareCallsAsync(IReadOnlyList<Seeder.SeededGrant> grants)
{
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(grants, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (grant, token) =>
    {
        using var response = await http.PostAsJsonAsync("/simulator/api/oauth/token", new
        {
            grant_type = "refresh_token",
            client_id = simulatorOptions.ClientId,
            client_secret = simulatorOptions.ClientSecret,
            refresh_token = grant.RefreshToken,
        }, token);
        response.EnsureSuccessStatusCode();
    });
    return watch.Elapsed;
}

async Task<TimeSpan> PortalRefreshAsync(IReadOnlyList<Seeder.SeededGrant> grants)
{
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(grants, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (grant, token) =>
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().RefreshAsync(grant.ConnectionId, "bench", force: false, token);
        if (outcome.Result != RefreshResult.Refreshed) throw new InvalidOperationException($"Refresh of {grant.ConnectionId} ended {outcome.Result}: {outcome.Code}");
    });
    return watch.Elapsed;
}

Console.WriteLine($"Warming up ({options.LatencyMs} ms simulator latency, {options.Concurrency} at a time)…");
await BareCallsAsync(await Seeder.SeedAsync(host, 100, withConnections: false, "warm-bare"));
await PortalRefreshAsync(await Seeder.SeedAsync(host, 100, withConnections: true, "warm"));

Console.WriteLine($"Seeding {options.Connections} due connections and {2 * options.Connections} bare grants…");
var portalGrants = await Seeder.SeedAsync(host, options.Connections, withConnections: true, "p");
var bareFirst = await Seeder.SeedAsync(host, options.Connections, withConnections: false, "a");
var bareSecond = await Seeder.SeedAsync(host, options.Connections, withConnections: false, "b");

Console.WriteLine("Bare token calls, portal refresh pass, bare token calls again…");
var bare1 = await BareCallsAsync(bareFirst);
var portal = await PortalRefreshAsync(portalGrants);
var bare2 = await BareCallsAsync(bareSecond);
var bare = (bare1 + bare2) / 2;

Console.WriteLine("Checking every connection holds the refresh token Fullscript issued last…");
var lost = 0;
await using (var scope = host.Services.CreateAsyncScope())
{
    var simulator = scope.ServiceProvider.GetRequiredService<SimulatedFullscript>();
    var dbs = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<FullscriptPortal.Data.PortalDbContext>>();
    var protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
    await using var db = await dbs.CreateDbContextAsync();
    var stored = db.Connections.Where(c => c.RefreshTokenProtected != null).ToDictionary(c => c.Id, c => c.RefreshTokenProtected!);
    foreach (var grant in portalGrants)
    {
        var live = await simulator.LiveRefreshTokenHashAsync(grant.GrantId, default);
        if (!stored.TryGetValue(grant.ConnectionId, out var ciphertext) || OAuthSecrets.Hash(protector.Unprotect(ciphertext)) != live) lost++;
    }
}

Console.WriteLine($"{options.Callers} concurrent callers on one expired connection…");
var single = await Seeder.SeedAsync(host, 25, withConnections: true, "herd");
var baseline = new List<double>();
foreach (var grant in await Seeder.SeedAsync(host, 25, withConnections: false, "one"))
{
    var watch = Stopwatch.StartNew();
    await BareCallsAsync([grant]);
    baseline.Add(watch.Elapsed.TotalMilliseconds);
}
var providerLatency = Percentile(baseline, 0.5);
var herd = single[0];
var waits = new double[options.Callers];
using var gate = new ManualResetEventSlim();
var callers = Enumerable.Range(0, options.Callers).Select(i => Task.Run(async () =>
{
    gate.Wait();
    var watch = Stopwatch.StartNew();
    await using var scope = host.Services.CreateAsyncScope();
    var (token, outcome) = await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().GetAccessTokenAsync(herd.ConnectionId, "bench", default);
    waits[i] = watch.Elapsed.TotalMilliseconds;
    return token ?? throw new InvalidOperationException($"No token: {outcome.Result} {outcome.Code}");
})).ToArray();
gate.Set();
var tokens = await Task.WhenAll(callers);
int providerCalls;
await using (var scope = host.Services.CreateAsyncScope())
{
    var grants = await scope.ServiceProvider.GetRequiredService<SimulatedFullscript>().ListGrantsAsync(default);
    providerCalls = grants.Single(g => g.Id == herd.GrantId).Tokens.Count(t => t.Kind == SimTokenKind.Access);
}

var ratio = portal / bare;
var p99Over = Percentile(waits, 0.99) - providerLatency;
var report = BenchReport.Render(options, bare1, bare2, portal, ratio, lost, providerCalls, tokens.Distinct().Count(), providerLatency, Percentile(waits, 0.5), Percentile(waits, 0.99), p99Over);
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report);
    Console.WriteLine($"Written to {output}");
}
return lost == 0 && providerCalls == 1 ? 0 : 1;

static double Percentile(IReadOnlyCollection<double> values, double p)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record BenchOptions(int Connections, int LatencyMs, int Concurrency, int Callers, string? Output)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        return new(Number("--connections", 10_000), Number("--latency-ms", 10), Number("--concurrency", 16), Number("--callers", 1_000), Value("--out"));
    }
}
