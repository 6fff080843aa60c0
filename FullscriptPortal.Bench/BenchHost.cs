using FullscriptPortal.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FullscriptPortal.Bench;

/// <summary>The real portal (TokenProtector only names its assembly) on a loopback port with fresh SQLite files, the simulator answering with added latency.</summary>
internal sealed class BenchHost : WebApplicationFactory<FullscriptPortal.Tokens.TokenProtector>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fullscript-bench-").FullName;

    public BenchHost() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Path", Path.Combine(_directory, "portal.db"));
        builder.UseSetting("Simulator:DatabasePath", Path.Combine(_directory, "simulator.db"));
        builder.UseSetting("Fullscript:Server", "simulator");
        builder.UseSetting("Tokens:WorkerEnabled", "false");
        builder.UseSetting("Simulator:RateLimit", "1000000");
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    public SimulatorFaults Faults => Services.GetRequiredService<SimulatorFaults>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
