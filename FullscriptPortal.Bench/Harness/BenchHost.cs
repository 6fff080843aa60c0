using FullscriptPortal.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>The real portal (TokenProtector only names its assembly) on a loopback port with fresh SQLite files, run as
/// deployed: the default logging of appsettings.json, the lifecycle worker on. Only what the harness itself needs differs
/// from a fresh clone: the simulator answers every call (no rate limit) and one client may sign in many people.</summary>
internal sealed class BenchHost : WebApplicationFactory<FullscriptPortal.Tokens.TokenProtector>
{
    // On disk, as deployed: the token write's full sync is part of what the refresh pass measures.
    private readonly string _directory = Directory.CreateTempSubdirectory("fullscript-bench-").FullName;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public BenchHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development is where the embedded simulator and the demo clinics exist; nothing else in it is turned on here.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Path", Path.Combine(_directory, "portal.db"));
        builder.UseSetting("Simulator:DatabasePath", Path.Combine(_directory, "simulator.db"));
        builder.UseSetting("Fullscript:Server", "simulator");
        builder.UseSetting("Simulator:RateLimit", "1000000");
        // The harness signs in hundreds of people from 127.0.0.1; the per-client throttles are not what is measured.
        foreach (var limit in new[] { "SignIn", "SignInFailures", "Links" }) builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
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
