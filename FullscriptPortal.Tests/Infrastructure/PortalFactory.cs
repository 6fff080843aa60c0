using System.Collections.Concurrent;
using System.Globalization;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>The real portal on a loopback Kestrel port with its own SQLite files (or, after <see cref="OnPostgres"/>, its own
/// database on the test run's PostgreSQL server), the embedded simulator reached over real HTTP, a fake clock, every log
/// line captured, and every call the portal makes to Fullscript recorded.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory;
    private bool _ownsDirectory;
    private string? _postgres;

    /// <summary>A portal with fresh databases.</summary>
    public PortalFactory() : this(null) { }

    private PortalFactory(string? dataDirectory, DateTimeOffset? now = null)
    {
        Time = new FakeTimeProvider(now ?? DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        _ownsDirectory = dataDirectory is null;
        _directory = dataDirectory ?? NewDataDirectory("fullscript-portal-tests-");
        UseKestrel(0);
    }

    /// <summary>Another instance of the portal on the same databases, running beside <paramref name="first"/> (which keeps
    /// owning the files) with its clock set to the first one's: two hosts behind one load balancer.</summary>
    public static PortalFactory SecondInstanceOf(PortalFactory first)
    {
        return new PortalFactory(first._directory, first.Time.GetUtcNow()) { _ownsDirectory = false, _postgres = first._postgres };
    }

    /// <summary>The same portal on the databases of <paramref name="earlier"/>, which hands over its files. It starts when
    /// first used, so dispose the earlier one before that, as a restart would.</summary>
    public static PortalFactory RestartOf(PortalFactory earlier)
    {
        earlier._ownsDirectory = false;
        return new PortalFactory(earlier._directory, earlier.Time.GetUtcNow()) { _postgres = earlier._postgres };
    }

    /// <summary>Puts this portal's store on a new, empty database of <paramref name="server"/> (the test run's shared server
    /// by default) instead of SQLite; the simulator stays on SQLite. Call it before the portal starts.</summary>
    public PortalFactory OnPostgres(PostgresServer? server = null)
    {
        _postgres = (server ?? PostgresServer.Shared).CreateDatabase();
        return this;
    }

    /// <summary>The same portal on <paramref name="provider"/>: for tests that run on each.</summary>
    public PortalFactory On(StoreProvider provider) => provider == StoreProvider.Postgres ? OnPostgres() : this;

    public StoreProvider Provider => _postgres is null ? StoreProvider.Sqlite : StoreProvider.Postgres;

    /// <summary>The connection string of this portal's PostgreSQL database; null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres;

    /// <summary>A new directory for a portal's files: in memory (/dev/shm) where the machine has it, since SQLite's full
    /// syncs to a real disk cost seconds per host and the tests kill processes, never the machine.</summary>
    public static string NewDataDirectory(string prefix)
    {
        const string memory = "/dev/shm";
        return Directory.Exists(memory)
            ? Directory.CreateDirectory(Path.Combine(memory, prefix + Guid.NewGuid().ToString("N"))).FullName
            : Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Starts at the real time (to the millisecond, as the database stores it) so cookies, antiforgery and Data
    /// Protection keys look ordinary.</summary>
    public FakeTimeProvider Time { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public FullscriptCallRecorder FullscriptCalls { get; } = new();

    public FailingTokenWrites FailingWrites { get; } = new();

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>For browser tests: the real clock, so countdowns tick and tokens expire as a person sees them.</summary>
    public bool UseRealClock { get; init; }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Path", DatabasePath);
        if (_postgres is not null)
        {
            builder.UseSetting(DatabaseSettings.ProviderKey, nameof(StoreProvider.Postgres));
            builder.UseSetting($"ConnectionStrings:{DatabaseSettings.PostgresConnectionName}", _postgres);
        }
        builder.UseSetting("Simulator:DatabasePath", Path.Combine(_directory, "simulator.db"));
        builder.UseSetting("Fullscript:Server", "simulator");
        builder.UseSetting("Fullscript:Retry:BaseDelay", "00:00:00.010");
        // Tests run the lifecycle sweep themselves, so nothing happens behind their back when they advance the clock.
        builder.UseSetting("Tokens:WorkerEnabled", "false");
        // Every test signs in from 127.0.0.1, many in a row: per-client limits are out of reach unless a test lowers them.
        foreach (var limit in new[] { "SignIn", "SignInFailures", "Links" }) builder.UseSetting($"RateLimits:{limit}:PermitLimit", "1000000");
        // bUnit circuits hold principals made by the tests, not by a sign-in; none should be re-checked behind a test's back.
        builder.UseSetting("Auth:RevalidationInterval", "01:00:00");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            if (!UseRealClock) services.AddSingleton<TimeProvider>(Time);
            // Password hashing is deliberately slow (100,000 rounds), and every test signs people in: one round here.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1);
            services.AddSingleton(FullscriptCalls);
            services.AddHttpClient<FullscriptClient>().AddHttpMessageHandler(() => new RecordingHandler(FullscriptCalls));
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(FailingWrites));
        });
    }

    /// <summary>Puts a shared portal back to the demo seed between tests, in milliseconds instead of the seconds a new host
    /// takes: no connections, pending authorizations, invites, audit entries or simulator grants; demo users as seeded and
    /// any other user gone; no injected faults or failing writes; no recorded calls or log lines. The clock keeps its time
    /// (a fake clock only moves forward), so tests compare times with <see cref="Time"/>, never with a fixed instant.</summary>
    public async Task ResetAsync()
    {
        this.Faults().Clear();
        FailingWrites.FailNext(0);
        await using var scope = Services.CreateAsyncScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.AuditEntries.ExecuteDeleteAsync();
            await db.Invites.ExecuteDeleteAsync();
            await db.PendingAuthorizations.ExecuteDeleteAsync();
            await db.Connections.ExecuteDeleteAsync();
            await db.WorkerLeases.ExecuteDeleteAsync();
            await db.FullscriptCallCounts.ExecuteDeleteAsync();
            await db.ApiKeys.ExecuteDeleteAsync();
            await db.WebhookDeliveries.ExecuteDeleteAsync();
            await db.WebhookEndpoints.ExecuteDeleteAsync();
            var demoEmails = DemoSeed.Users.Select(u => u.Email).ToList();
            await db.Users.Where(u => !demoEmails.Contains(u.Email!)).ExecuteDeleteAsync();
            var demoClinics = DemoSeed.Users.Where(u => u.Clinic != null).Select(u => u.Clinic!).Distinct().ToList();
            await db.Clinics.Where(c => !demoClinics.Contains(c.Name)).ExecuteDeleteAsync();
            await db.Clinics.ExecuteUpdateAsync(c => c.SetProperty(x => x.ExternalId, (string?)null));
            foreach (var demo in DemoSeed.Users)
            {
                var clinicId = demo.Clinic is null ? null : (int?)await db.Clinics.Where(c => c.Name == demo.Clinic).Select(c => c.Id).SingleAsync();
                await db.Users.Where(u => u.Email == demo.Email).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.DisplayName, demo.DisplayName)
                    .SetProperty(x => x.ClinicId, clinicId)
                    .SetProperty(x => x.ExternalId, (string?)null)
                    .SetProperty(x => x.DeactivatedAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.AccessFailedCount, 0)
                    .SetProperty(x => x.TwoFactorEnabled, false)
                    .SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null));
            }
        }
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
        await simulator.Tokens.ExecuteDeleteAsync();
        await simulator.Codes.ExecuteDeleteAsync();
        await simulator.Grants.ExecuteDeleteAsync();
        FullscriptCalls.Clear();
        Logs.Clear();
    }

    public PortalSession NewSession()
    {
        // A plain client over real HTTP, with its own cookie jar, that shows every redirect instead of following it.
        var cookies = new System.Net.CookieContainer();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies };
        return new PortalSession(this, new HttpClient(handler) { BaseAddress = ServerAddress }, cookies);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The server outlives this portal: its idle connections should not.
        if (_postgres is not null) Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(_postgres));
        if (!_ownsDirectory) return;
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* a file still open; the OS temp cleaner takes it */ }
    }
}

/// <summary>Every request the portal sent to Fullscript's API, as "METHOD path".</summary>
public sealed class FullscriptCallRecorder
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> All => [.. _calls];

    public int Count(string pathEnd) => _calls.Count(c => c.EndsWith(pathEnd, StringComparison.Ordinal));

    public void Clear() => _calls.Clear();

    public void Add(HttpRequestMessage request) => _calls.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
}

internal sealed class RecordingHandler(FullscriptCallRecorder recorder) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        recorder.Add(request);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Writes each entry as a console or OpenTelemetry exporter would see it: the message, its structured values, the
/// scopes around it and the exception, so a secret in any of them shows in the line.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) line.Append(CultureInfo.InvariantCulture, $" | {key}={value}");
            provider._scopes.ForEachScope((scope, builder) => builder.Append(CultureInfo.InvariantCulture, $" | scope {scope}"), line);
            lines.Enqueue(line.ToString());
        }
    }
}
