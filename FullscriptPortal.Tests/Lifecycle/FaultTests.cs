using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using FullscriptPortal.Connections;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Observability;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>Breaking things on purpose: each test fails if the protection it names is removed.</summary>
public sealed class FaultTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    private int TokenCalls => _factory.FullscriptCalls.Count("/oauth/token");

    private async Task<Guid> ConnectAsync(string email = DemoPeople.DrLee)
    {
        using var browser = _factory.NewSession();
        return (await browser.ConnectAsync(email)).ConnectionId!.Value;
    }

    [Fact]
    public async Task A_hundred_concurrent_requests_for_one_expired_connection_make_one_token_call_and_get_the_same_token()
    {
        var id = await ConnectAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => _factory.AccessTokenAsync(id))));

        TokenCalls.Should().Be(calls + 1);
        results.Select(r => r.AccessToken).Distinct().Should().ContainSingle().Which.Should().NotBeNull();
    }

    [Fact]
    public async Task A_timeout_is_transient_and_keeps_the_tokens()
    {
        _factory.Settings["Fullscript:Retry:AttemptTimeout"] = "00:00:00.300";
        _factory.Settings["Fullscript:HttpTimeout"] = "00:00:01";
        var id = await ConnectAsync();
        var before = await _factory.StoredRefreshTokenAsync(id);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().Latency = TimeSpan.FromSeconds(2);

        var outcome = await _factory.InScopeAsync<ConnectionTokens, RefreshOutcome>(tokens => tokens.RefreshAsync(id, "test", force: false, default));

        outcome.Result.Should().Be(RefreshResult.WillRetry, "a timeout is a value, not an exception");
        (await _factory.StoredRefreshTokenAsync(id)).Should().Be(before);
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.RefreshFailing);
        _factory.Faults().Latency = TimeSpan.Zero;
    }

    [Fact]
    public async Task After_failing_for_the_whole_give_up_period_a_connection_needs_reconnecting_with_the_reason()
    {
        _factory.Settings["Tokens:GiveUpAfter"] = "02:00:00";
        var id = await ConnectAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().FailNextTokenCalls(1000, 503);

        await _factory.AccessTokenAsync(id);
        for (var i = 0; i < 40 && (await _factory.ConnectionOfIdAsync(id)).State == ConnectionState.RefreshFailing; i++)
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(16));
            await _factory.SweepAsync();
        }

        var connection = await _factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.StateReason.Should().Contain("could not be reached for 2 hours");
        _factory.Faults().Clear();
    }

    [Fact]
    public async Task The_worker_refreshes_ahead_of_expiry_within_its_budget()
    {
        _factory.Settings["Tokens:Budget:BackgroundCallsPerWindow"] = "4";
        _factory.Settings["Tokens:ProactiveRefresh:Jitter"] = "00:00:00";
        var ids = new List<Guid> { await ConnectAsync(DemoPeople.DrLee), await ConnectAsync(DemoPeople.SamFront), await ConnectAsync(DemoPeople.DrPatel) };
        var callsWhileConnecting = _factory.Services.GetRequiredService<FullscriptBudget>().Used; // 6: three exchanges, three clinic lookups

        _factory.Time.Advance(TimeSpan.FromMinutes(100)); // 20 minutes left: outside the 10-minute margin
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(0);

        _factory.Time.Advance(TimeSpan.FromMinutes(11)); // 9 minutes left, and the window of the connects has passed
        var sweep = await _factory.SweepAsync();

        sweep.ProactiveRefreshes.Should().Be(3);
        foreach (var id in ids) (await _factory.ConnectionOfIdAsync(id)).LastRefreshedAt.Should().NotBeNull();
        callsWhileConnecting.Should().Be(6);
    }

    [Fact]
    public async Task The_budget_caps_how_much_background_work_one_sweep_does()
    {
        _factory.Settings["Tokens:Budget:BackgroundCallsPerWindow"] = "2";
        _factory.Settings["Tokens:ProactiveRefresh:Jitter"] = "00:00:00";
        await ConnectAsync(DemoPeople.DrLee);
        await ConnectAsync(DemoPeople.SamFront);
        await ConnectAsync(DemoPeople.DrPatel);
        _factory.Time.Advance(TimeSpan.FromMinutes(111));

        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(2);
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(0, "the window's background budget is spent");

        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(1);
    }

    [Fact]
    public async Task The_liveness_probe_notices_a_grant_revoked_inside_fullscript()
    {
        _factory.Settings["Tokens:Probe:Enabled"] = "true";
        var id = await ConnectAsync();
        await _factory.RevokeInsideFullscriptAsync();

        (await _factory.SweepAsync()).Probes.Should().Be(1);

        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.NeedsReconnect);
    }

    [Fact]
    public async Task Twenty_concurrent_writers_while_the_worker_refreshes_lose_nothing_and_fail_nobody()
    {
        var ids = new List<Guid> { await ConnectAsync(DemoPeople.DrLee), await ConnectAsync(DemoPeople.DrPatel) };
        using var sam = _factory.NewSession();
        await sam.SignInAsync(DemoPeople.SamFront);
        using var manager = _factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var managerPrincipal = await manager.PrincipalAsync();
        _factory.Time.Advance(TimeSpan.FromMinutes(111));

        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            // People at work: invites written, connect flows started, refreshes asked for.
            if (i % 3 == 0) await _factory.InScopeAsync<FullscriptPortal.Clinics.Invites, FullscriptPortal.Clinics.InviteLink?>(invites => invites.CreateAsync(managerPrincipal, sam.UserId!, default));
            else if (i % 3 == 1) await sam.StartConnectAsync();
            else await _factory.AccessTokenAsync(ids[i % 2]);
        })).ToList();
        var worker = _factory.SweepAsync();

        await Task.WhenAll([.. writers, worker]);

        foreach (var id in ids)
        {
            var connection = await _factory.ConnectionOfIdAsync(id);
            connection.State.Should().Be(ConnectionState.Active);
            await _factory.AssertHoldsLiveRefreshTokenAsync(id);
        }
        _factory.Logs.Should().NotContain(l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_reports_database_worker_and_key_ring()
    {
        using var browser = _factory.NewSession();

        var response = await browser.Http.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().BeEquivalentTo(["database", "worker", "data-protection"]);
    }

    [Fact]
    public async Task Refreshes_are_counted_in_the_metrics()
    {
        var id = await ConnectAsync();
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == PortalMetrics.MeterName && instrument.Name == "fullscript.refreshes") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => { lock (outcomes) outcomes.Add(tags.ToArray().Single(t => t.Key == "outcome").Value!.ToString()!); });
        listener.Start();
        _factory.Time.Advance(TimeSpan.FromHours(2));

        await _factory.AccessTokenAsync(id);

        outcomes.Should().Equal("Refreshed");
    }

    public void Dispose() => _factory.Dispose();
}
