using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>Faults whose handling a setting decides (timeouts, give-up period, budget, probe): each test starts a portal
/// configured for it.</summary>
public abstract class FaultSettingsTests(StoreProvider provider) : IDisposable
{
    private readonly PortalFactory _factory = new PortalFactory().On(provider);

    private async Task<Guid> ConnectAsync(string email = DemoPeople.DrLee)
    {
        using var browser = _factory.NewSession();
        return (await browser.ConnectAsync(email)).ConnectionId!.Value;
    }

    [Fact]
    public async Task A_timeout_is_transient_and_keeps_the_tokens()
    {
        _factory.Settings["Fullscript:Retry:AttemptTimeout"] = "00:00:01";
        _factory.Settings["Fullscript:HttpTimeout"] = "00:00:01.500";
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

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class FaultSettingsTestsOnSqlite() : FaultSettingsTests(StoreProvider.Sqlite);

public sealed class FaultSettingsTestsOnPostgres() : FaultSettingsTests(StoreProvider.Postgres);
