using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>Issue 13's deployment in one process: a PostgreSQL server, one Fullscript simulator (a SQLite portal host of
/// its own, as docs/scale-out's script runs it), and three portal instances on the one PostgreSQL database, each calling
/// that simulator.</summary>
internal sealed class PostgresCluster : IDisposable
{
    private PostgresCluster(PostgresServer server, BenchHost simulator, IReadOnlyList<BenchHost> instances)
    {
        Server = server;
        Simulator = simulator;
        Instances = instances;
    }

    public PostgresServer Server { get; }

    /// <summary>The host whose embedded simulator every instance calls (its own portal is not used).</summary>
    public BenchHost Simulator { get; }

    public IReadOnlyList<BenchHost> Instances { get; }

    public static async Task<PostgresCluster> StartAsync(int instances, int latencyMs)
    {
        var server = PostgresServer.Start();
        var simulator = new BenchHost(new Dictionary<string, string?> { ["Tokens:WorkerEnabled"] = "false" });
        simulator.Faults.Latency = TimeSpan.FromMilliseconds(latencyMs);
        var hosts = new List<BenchHost>();
        for (var i = 0; i < instances; i++)
        {
            var host = new BenchHost(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Portal"] = server.ConnectionString,
                ["Fullscript:Servers:simulator:ApiBase"] = new Uri(simulator.Address, "/simulator/api").AbsoluteUri,
            });
            _ = host.Address; // started one after another: the first creates the tables and the demo people
            hosts.Add(host);
        }
        await using var db = await hosts[0].Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) != true)
        {
            foreach (var host in hosts) host.Dispose();
            simulator.Dispose();
            server.Dispose();
            throw new InvalidOperationException($"This build stores on {db.Database.ProviderName}, not PostgreSQL: issue 13's provider (Database:Provider=Postgres) has not landed.");
        }
        return new PostgresCluster(server, simulator, hosts);
    }

    public void Dispose()
    {
        foreach (var host in Instances) host.Dispose();
        Simulator.Dispose();
        Server.Dispose();
    }
}
