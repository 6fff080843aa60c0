using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>Three real portal processes (<c>dotnet FullscriptPortal.dll</c>) on one PostgreSQL database, against one
/// Fullscript: the simulator in this test's own host, which counts the calls it gets. An in-process host on the same
/// database plays the operator's tools (it makes the API key and reads rows) and serves no traffic.</summary>
public sealed class ThreeProcessTests : IAsyncLifetime, IDisposable
{
    private const string ExternalId = "dr-lee";
    private const string TokenPath = "/simulator/api/oauth/token";

    private readonly PortalFactory _fullscript = new() { UseRealClock = true };
    private readonly string _directory = PortalFactory.NewDataDirectory("fullscript-three-");
    private readonly List<PortalProcess> _portals = [];
    private PortalFactory? _operator;
    private string _key = "";
    private Guid _connectionId;

    public Task InitializeAsync()
    {
        // The first pair expires at once; the pairs of later refreshes live two hours (set once connected).
        _fullscript.Settings["Simulator:AccessTokenLifetime"] = "00:00:02";
        // Fullscript's own record of every request it receives.
        _fullscript.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_thousand_concurrent_token_requests_across_three_processes_make_one_call_to_fullscript()
    {
        await StartClusterAsync(refreshLease: TimeSpan.FromSeconds(30));
        await UntilExpiredAsync();
        var callsBefore = FullscriptTokenCalls;
        var pairsBefore = await IssuedRefreshTokensAsync();

        using var http = new HttpClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => RequestTokenAsync(http, _portals[i % 3]))));

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
        answers.Select(a => a.AccessToken).Distinct().Should().ContainSingle("every caller got the one refreshed token");
        (FullscriptTokenCalls - callsBefore).Should().Be(1, "one refresh for the deployment, whichever process each caller reached");
        (await IssuedRefreshTokensAsync()).Should().Be(pairsBefore + 1);
        await AssertHoldsLiveRefreshTokenAsync();
    }

    [Fact]
    public async Task Killing_the_process_that_holds_the_refresh_lease_mid_call_loses_no_token()
    {
        await StartClusterAsync(refreshLease: TimeSpan.FromSeconds(3));
        await UntilExpiredAsync();
        _fullscript.Faults().Latency = TimeSpan.FromSeconds(30);

        using var http = new HttpClient();
        var abandoned = RequestTokenAsync(http, _portals[1]);
        var owner = await UntilAsync(async () => (await ConnectionAsync()).RefreshLeaseOwner, "a process takes the refresh lease and calls Fullscript");
        var holder = _portals.Single(p => owner.StartsWith($"{p.Id}-", StringComparison.Ordinal));
        holder.Kill();
        _fullscript.Faults().Latency = TimeSpan.Zero;
        await abandoned.ContinueWith(_ => { }, TaskScheduler.Default); // its caller lost the process it was talking to

        // The survivors: the dead holder's lease runs out, then one of them refreshes with the stored refresh token.
        var survivors = _portals.Where(p => p != holder).ToList();
        var answer = await UntilAsync(async () => await RequestTokenAsync(http, survivors[0]) is { Status: HttpStatusCode.OK } ok ? ok : null,
            "a survivor hands out a token");

        await AssertHoldsLiveRefreshTokenAsync();
        using var clinic = new HttpRequestMessage(HttpMethod.Get, new Uri(_fullscript.ServerAddress, "/simulator/api/clinic"));
        clinic.Headers.Authorization = new AuthenticationHeaderValue("Bearer", answer.AccessToken);
        (await http.SendAsync(clinic)).StatusCode.Should().Be(HttpStatusCode.OK, "the survivor's token works at Fullscript");
        (await RequestTokenAsync(http, survivors[1])).AccessToken.Should().Be(answer.AccessToken, "the other survivor hands out the same stored token");
        (await ConnectionAsync()).State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task The_worker_moves_to_a_surviving_process_when_its_holder_is_killed()
    {
        await StartClusterAsync(refreshLease: TimeSpan.FromSeconds(30));
        var held = await UntilAsync(WorkerLeaseAsync, "a process runs the worker");
        var holder = _portals.Single(p => held.Owner.StartsWith($"{p.Id}-", StringComparison.Ordinal));

        holder.Kill();

        var taken = await UntilAsync(async () => await WorkerLeaseAsync() is { } lease && !lease.Owner.StartsWith($"{holder.Id}-", StringComparison.Ordinal) ? lease : null,
            "another process takes the worker lease");
        _portals.Where(p => p != holder).Should().Contain(p => taken.Owner.StartsWith($"{p.Id}-", StringComparison.Ordinal));
        taken.Until.Should().BeOnOrAfter(held.Until, "the lease was taken once the dead holder's ran out, not while it held it");
    }

    private async Task StartClusterAsync(TimeSpan refreshLease)
    {
        _operator = new PortalFactory().OnPostgres().WithKeyRing(TestCertificate.Shared);
        _key = await BackendClient.NewKeyAsync(_operator);
        await _operator.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, ExternalId)));

        var fullscriptOptions = _fullscript.Services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue;
        for (var i = 0; i < 3; i++)
        {
            var settings = PostgresPortals.Settings(_operator.PostgresConnectionString!, TestCertificate.Shared);
            settings["Simulator:DatabasePath"] = Path.Combine(_directory, $"unused-simulator-{i}.db");
            settings["Fullscript:Servers:simulator:ApiBase"] = new Uri(_fullscript.ServerAddress, "/simulator/api").AbsoluteUri;
            settings["Fullscript:Retry:MaxAttempts"] = "1";
            settings["Tokens:WorkerInterval"] = "00:00:00.500";
            settings["Tokens:AbandonedExchangeAfter"] = "00:00:00";
            settings["Tokens:ProactiveRefresh:Enabled"] = "false"; // only callers refresh, so the test knows who did
            settings["Tokens:RefreshLease"] = refreshLease.ToString();
            settings["Api:RateLimit"] = "1000000";
            var portal = await PortalProcess.StartAsync(settings);
            _portals.Add(portal);
            // Register the process's callback with "Fullscript", as an app owner would in its API dashboard.
            fullscriptOptions.RedirectUris.Add(new Uri(portal.Address, "/oauth/fullscript/callback").AbsoluteUri);
        }

        await ProcessBrowser.ConnectAsync(_portals[0].Address, DemoPeople.DrLee);
        var connection = await UntilAsync(async () => await _operator.QueryAsync(db => db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.State == ConnectionState.Active)), "a worker exchanges the code");
        _connectionId = connection.Id;
        fullscriptOptions.AccessTokenLifetime = TimeSpan.FromHours(2);
    }

    /// <summary>Waits (real time: the processes run on the real clock) until the connection's first token has run out.</summary>
    private async Task UntilExpiredAsync()
    {
        var expiresAt = (await ConnectionAsync()).AccessTokenExpiresAt;
        while (DateTimeOffset.UtcNow <= expiresAt) await Task.Delay(100);
    }

    private sealed record TokenAnswer(HttpStatusCode Status, string? AccessToken);

    private async Task<TokenAnswer> RequestTokenAsync(HttpClient http, PortalProcess portal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(portal.Address, $"/api/v1/users/{ExternalId}/connection/access-token"))
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) return new(response.StatusCode, null);
        var body = await BackendClient.JsonAsync(response);
        return new(response.StatusCode, body.GetProperty("access_token").GetString());
    }

    /// <summary>POSTs to Fullscript's token endpoint, as its own request log counts them.</summary>
    private int FullscriptTokenCalls => _fullscript.Logs.Count(l => l.Contains("Request starting", StringComparison.Ordinal)
        && l.Contains("POST", StringComparison.Ordinal) && l.Contains(TokenPath, StringComparison.Ordinal));

    private async Task<int> IssuedRefreshTokensAsync() =>
        (await _fullscript.SimulatorGrantsAsync()).Single().Tokens.Count(t => t.Kind == SimTokenKind.Refresh);

    /// <summary>The refresh token the deployment stored (decrypted with the shared key ring) is the one Fullscript issued
    /// last, and the grant is alive.</summary>
    private async Task AssertHoldsLiveRefreshTokenAsync()
    {
        var grant = (await _fullscript.SimulatorGrantsAsync()).Single();
        grant.RevokedAt.Should().BeNull("no refresh token was replayed");
        var latest = await _fullscript.InScopeAsync<SimulatedFullscript, string?>(s => s.LiveRefreshTokenHashAsync(grant.Id, default));
        OAuthSecrets.Hash((await _operator!.StoredRefreshTokenAsync(_connectionId))!).Should().Be(latest);
    }

    private Task<FullscriptConnection> ConnectionAsync() => _operator!.ConnectionOfIdAsync(_connectionId);

    private Task<WorkerLease?> WorkerLeaseAsync() =>
        _operator!.QueryAsync(db => db.WorkerLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == LifecycleSweep.LeaseName));

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited 60 seconds for this: {what}.");
    }

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals) await portal.DisposeAsync();
    }

    public void Dispose()
    {
        _operator?.Dispose();
        _fullscript.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
