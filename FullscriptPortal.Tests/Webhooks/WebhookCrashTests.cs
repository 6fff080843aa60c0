using System.Net;
using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Webhooks;

/// <summary>A portal process killed after a connection change was committed but before its webhook went out: started again
/// on the same files, it delivers the event, once. Fullscript (the simulator) and the receiver live in this test.</summary>
public sealed class WebhookCrashTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory _fullscript = new() { UseRealClock = true };
    private readonly string _directory = Directory.CreateTempSubdirectory("fullscript-webhook-crash-").FullName;
    private WebhookReceiver _receiver = null!;

    private string DatabasePath => Path.Combine(_directory, "portal.db");

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    [Fact]
    public async Task An_event_committed_before_a_crash_is_delivered_once_after_the_restart()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Path"] = DatabasePath,
            ["Simulator:DatabasePath"] = Path.Combine(_directory, "unused-simulator.db"),
            ["Fullscript:Server"] = "simulator",
            ["Fullscript:Servers:simulator:ApiBase"] = new Uri(_fullscript.ServerAddress, "/simulator/api").AbsoluteUri,
            ["Tokens:WorkerInterval"] = "00:00:00.300",
            ["Tokens:AbandonedExchangeAfter"] = "00:00:00",
            ["Webhooks:WorkerInterval"] = "00:00:00.300",
            // The first process never delivers: it dies with the event only in its outbox.
            ["Webhooks:WorkerEnabled"] = "false",
        };
        var portal = await PortalProcess.StartAsync(settings);
        _fullscript.Services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue.RedirectUris
            .Add(new Uri(portal.Address, "/oauth/fullscript/callback").AbsoluteUri);
        await RegisterReceiverInTheProcessDatabaseAsync();

        await ConnectThroughTheProcessAsync(portal.Address);
        await WaitForAsync(async () => await OutboxAsync() is [("connection.connected", "Pending")], "the worker connects Dr. Lee and the event is committed with it");
        portal.Kill();
        await portal.DisposeAsync();
        _receiver.Received.Should().BeEmpty();

        settings["Webhooks:WorkerEnabled"] = "true";
        await using var restarted = await PortalProcess.StartAsync(settings);

        await WaitForAsync(async () => await OutboxAsync() is [(_, "Delivered")], "the restarted portal delivers the event");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a few more passes, which must not send it again
        var received = _receiver.Received.Should().ContainSingle().Subject;
        received.Type.Should().Be(WebhookEvents.Connected);
        received.Verified.Should().BeTrue();
        received.Data.GetProperty("email").GetString().Should().Be(DemoPeople.DrLee);
    }

    /// <summary>What support does on the webhooks page, done with the portal's own service over the process's database and
    /// key ring (the process's pages are interactive, so a plain HTTP client cannot drive them).</summary>
    private async Task RegisterReceiverInTheProcessDatabaseAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<PortalDbContext>(o => o.UseSqlite($"Data Source={DatabasePath};Pooling=False"));
        services.AddDataProtection().SetApplicationName("FullscriptPortal").PersistKeysToDbContext<PortalDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookEndpoints>();
        await using var provider = services.BuildServiceProvider();
        var support = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "support"), new Claim(ClaimTypes.Role, PortalRoles.Support)], "test"));
        var (created, error) = await provider.GetRequiredService<WebhookEndpoints>().CreateAsync(support, _receiver.Url.AbsoluteUri, WebhookEvents.Default, default);
        error.Should().BeNull();
        _receiver.Secret = created!.Secret;
    }

    private static async Task ConnectThroughTheProcessAsync(Uri portal)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = portal };
        var signIn = await http.GetStringAsync("/account/signin");
        (await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(signIn, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = DemoPeople.DrLee,
            ["Form.Password"] = DemoSeed.Password,
        }))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authorize = (await http.GetAsync("/connect/fullscript")).Headers.Location!;
        var consent = await http.GetStringAsync(authorize);
        var decided = await http.PostAsync(new Uri(authorize, authorize.AbsolutePath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(consent, "__RequestVerificationToken"),
            ["client_id"] = PortalSession.HiddenField(consent, "client_id"),
            ["redirect_uri"] = PortalSession.HiddenField(consent, "redirect_uri"),
            ["state"] = PortalSession.HiddenField(consent, "state"),
            ["code_challenge"] = PortalSession.HiddenField(consent, "code_challenge"),
            ["user_id"] = DemoPeople.FullscriptIdOf(DemoPeople.DrLee),
            ["decision"] = "approve",
        }));
        (await http.GetAsync(decided.Headers.Location)).Headers.Location!.ToString().Should().Be("/?connect=codereceived");
    }

    /// <summary>The outbox as an operator would read it, straight from the process's database.</summary>
    private async Task<List<(string Type, string Status)>> OutboxAsync()
    {
        await using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT EventType, Status FROM WebhookOutbox ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited 30 seconds for this: {what}.");
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose()
    {
        _fullscript.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
