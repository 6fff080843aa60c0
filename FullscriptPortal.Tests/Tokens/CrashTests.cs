using System.Net;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>A portal process that dies while Fullscript has issued new tokens it never stored: started again on the same
/// files, it refreshes with the refresh token it kept. Fullscript (the simulator) lives in this test's own host.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly PortalFactory _fullscript = new() { UseRealClock = true };
    private readonly string _directory = PortalFactory.NewDataDirectory("fullscript-crash-");

    [Fact]
    public async Task A_portal_killed_after_fullscript_issued_new_tokens_still_refreshes_after_a_restart()
    {
        _fullscript.Settings["Simulator:AccessTokenLifetime"] = "00:00:04";
        var settings = new Dictionary<string, string>
        {
            ["Database:Path"] = Path.Combine(_directory, "portal.db"),
            ["Simulator:DatabasePath"] = Path.Combine(_directory, "unused-simulator.db"),
            ["Fullscript:Server"] = "simulator",
            ["Fullscript:Servers:simulator:ApiBase"] = new Uri(_fullscript.ServerAddress, "/simulator/api").AbsoluteUri,
            ["Tokens:WorkerInterval"] = "00:00:00.500",
            ["Tokens:AbandonedExchangeAfter"] = "00:00:00",
            ["Tokens:ProactiveRefresh:Margin"] = "00:00:00",
            ["Tokens:ProactiveRefresh:Jitter"] = "00:00:00",
            ["Tokens:RetryBaseDelay"] = "00:00:00.500",
            // The killed process held the refresh lease; the restarted one waits for it to run out (30 s by default).
            ["Tokens:RefreshLease"] = "00:00:03",
            ["Fullscript:Retry:MaxAttempts"] = "1",
        };

        var portal = await PortalProcess.StartAsync(settings);
        // Register the process's callback with "Fullscript", as an app owner would in its API dashboard.
        _fullscript.Services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue.RedirectUris
            .Add(new Uri(portal.Address, "/oauth/fullscript/callback").AbsoluteUri);
        await ConnectThroughTheProcessAsync(portal.Address);
        await WaitForAsync(async () => await ConnectionAsync() is { State: "Active" }, "the worker exchanges the code");

        // The next refresh: Fullscript issues a new pair and the answer never arrives; the process dies right then.
        var grantTokensBefore = (await _fullscript.SimulatorGrantsAsync()).Single().Tokens.Count;
        _fullscript.Faults().DropNextTokenResponses(1);
        await WaitForAsync(async () => (await _fullscript.SimulatorGrantsAsync()).Single().Tokens.Count > grantTokensBefore, "Fullscript issues a new pair");
        portal.Kill();
        await portal.DisposeAsync();
        var killedAt = DateTimeOffset.UtcNow;

        await using var restarted = await PortalProcess.StartAsync(settings);

        await WaitForAsync(async () => await ConnectionAsync() is { State: "Active" } c && c.LastRefreshedAt > killedAt.ToUnixTimeMilliseconds(),
            "the restarted portal refreshes with the refresh token it kept");
        (await _fullscript.SimulatorGrantsAsync()).Single().RevokedAt.Should().BeNull("the grant survived the crash");
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
            ["Form.Password"] = FullscriptPortal.Auth.DemoSeed.Password,
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

    private sealed record StoredConnection(string State, long? LastRefreshedAt);

    /// <summary>Reads the process's database directly, as an operator would.</summary>
    private async Task<StoredConnection?> ConnectionAsync()
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_directory, "portal.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT State, LastRefreshedAt FROM Connections LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredConnection(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)) : null;
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

    public void Dispose()
    {
        _fullscript.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
