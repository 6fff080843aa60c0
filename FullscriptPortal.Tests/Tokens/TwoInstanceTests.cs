using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>Two portal hosts on one database (a SQLite file, or a PostgreSQL database), as two instances behind a load
/// balancer.</summary>
public abstract class TwoInstanceTests : IDisposable
{
    private readonly PortalFactory _first;
    private readonly PortalFactory _second;

    protected TwoInstanceTests(StoreProvider provider)
    {
        _first = new PortalFactory().On(provider);
        _second = PortalFactory.SecondInstanceOf(_first);
    }

    private int ProviderTokenCalls => _first.FullscriptCalls.Count("/oauth/token") + _second.FullscriptCalls.Count("/oauth/token");

    [Fact]
    public async Task Both_refreshing_the_same_due_connections_make_one_provider_call_each_and_lose_no_token()
    {
        _first.Settings["Tokens:ProactiveRefresh:Jitter"] = "00:00:00";
        _second.Settings["Tokens:ProactiveRefresh:Jitter"] = "00:00:00";
        await AddPersonAsync("dr.chen@northside.test", "Dr. Avery Chen", PortalRoles.Practitioner, DemoSeed.Northside);
        await AddPersonAsync("robin.desk@lakeview.test", "Robin Desk", PortalRoles.Staff, DemoSeed.Lakeview);
        var ids = new List<Guid>();
        foreach (var email in new[] { DemoPeople.DrLee, DemoPeople.SamFront, DemoPeople.DrPatel, "dr.chen@northside.test", "robin.desk@lakeview.test" })
        {
            using var browser = _first.NewSession();
            ids.Add((await browser.ConnectAsync(email)).ConnectionId!.Value);
        }
        _second.StartServer();
        _first.Time.Advance(TimeSpan.FromMinutes(115));
        _second.Time.SetUtcNow(_first.Time.GetUtcNow());
        var callsBefore = ProviderTokenCalls;
        // Slow answers, so the two instances' requests really overlap.
        (_first.Faults().Latency, _second.Faults().Latency) = (TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300));

        // Both instances refresh every due connection at once: the worker of each (its lease aside) and people's requests.
        await Task.WhenAll(
            ids.Select(id => Task.Run(() => _first.AccessTokenAsync(id)))
                .Concat(ids.Select(id => Task.Run(() => _second.AccessTokenAsync(id)))));

        (ProviderTokenCalls - callsBefore).Should().Be(ids.Count, "exactly one provider call per connection");
        foreach (var id in ids)
        {
            (await _first.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
            await _first.AssertHoldsLiveRefreshTokenAsync(id);
        }
    }

    [Fact]
    public async Task A_refresh_whose_lease_ran_out_mid_call_discards_its_pair_instead_of_overwriting_the_newer_one()
    {
        Guid id;
        using (var browser = _first.NewSession()) id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        _second.StartServer();
        _first.Time.Advance(TimeSpan.FromHours(2));
        _second.Time.SetUtcNow(_first.Time.GetUtcNow());
        _first.Faults().Latency = TimeSpan.FromSeconds(2); // the first instance's call to Fullscript is slow

        var slow = Task.Run(() => _first.AccessTokenAsync(id));
        for (var i = 0; i < 100 && (await _first.ConnectionOfIdAsync(id)).RefreshLeaseOwner is null; i++) await Task.Delay(20);
        (await _first.ConnectionOfIdAsync(id)).RefreshLeaseOwner.Should().NotBeNull("the first instance holds the lease while it waits");

        // The lease runs out while the first call is still in flight; the second instance takes over and stores its pair.
        _first.Time.Advance(TimeSpan.FromSeconds(31));
        _second.Time.SetUtcNow(_first.Time.GetUtcNow());
        var (fast, fastOutcome) = await _second.AccessTokenAsync(id);
        fastOutcome.Result.Should().Be(RefreshResult.Refreshed);
        var storedByTheSecond = await _second.StoredRefreshTokenAsync(id);

        var (late, lateOutcome) = await slow;

        late.Should().BeNull("the late pair was never stored, so it is not handed out");
        lateOutcome.Result.Should().Be(RefreshResult.WillRetry);
        _first.Logs.Should().Contain(l => l.Contains("this instance's result is discarded", StringComparison.Ordinal));
        (await _first.StoredRefreshTokenAsync(id)).Should().Be(storedByTheSecond, "the newer pair was not overwritten");
        fast.Should().NotBeNull();
        using var session = _second.NewSession();
        var api = new SimulatorApi(_second, session);
        (await api.RefreshAsync(storedByTheSecond!)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the stored refresh token still works");
    }

    [Fact]
    public async Task Only_one_instance_runs_the_worker()
    {
        _second.StartServer();

        var (a, b) = (await _first.SweepAsync(), await _second.SweepAsync());

        new[] { a.Active, b.Active }.Should().ContainSingle(active => active);
        (await _first.SweepAsync()).Active.Should().Be(a.Active, "the lease is renewed by its holder");
    }

    [Fact]
    public async Task Calls_to_Fullscript_on_one_instance_leave_less_background_budget_on_the_other()
    {
        foreach (var portal in new[] { _first, _second }) portal.Settings["Tokens:Budget:BackgroundCallsPerWindow"] = "50";
        _second.StartServer();
        using (var browser = _first.NewSession()) await browser.ConnectAsync(DemoPeople.DrLee);
        var callsOnTheFirst = _first.FullscriptCalls.All.Count;
        callsOnTheFirst.Should().BePositive();

        await _first.Services.GetRequiredService<FullscriptBudget>().FlushAsync();
        (await _second.SweepAsync()).Active.Should().BeTrue("the second instance runs the worker here");

        var budget = _second.Services.GetRequiredService<FullscriptBudget>();
        budget.Used.Should().Be(callsOnTheFirst + _second.FullscriptCalls.All.Count, "the deployment has one budget, whichever instance calls");
        budget.AvailableForBackgroundWork.Should().Be(50 - budget.Used);
    }

    private async Task AddPersonAsync(string email, string name, string role, string clinic)
    {
        var clinicId = await _first.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Clinics, c => c.Name == clinic));
        await _first.InScopeAsync<UserManager<PortalUser>, bool>(async users =>
        {
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, ClinicId = clinicId.Id };
            (await users.CreateAsync(user, DemoSeed.Password)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
            return true;
        });
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class TwoInstanceTestsOnSqlite() : TwoInstanceTests(StoreProvider.Sqlite);

public sealed class TwoInstanceTestsOnPostgres() : TwoInstanceTests(StoreProvider.Postgres);
