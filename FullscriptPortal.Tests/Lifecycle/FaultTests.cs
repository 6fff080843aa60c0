using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using FullscriptPortal.Connections;
using FullscriptPortal.Observability;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>Breaking things on purpose: each test fails if the protection it names is removed.</summary>
public abstract class FaultTests(PortalFactory factory) : IAsyncLifetime
{
    private int TokenCalls => factory.FullscriptCalls.Count("/oauth/token");

    private async Task<Guid> ConnectAsync(string email = DemoPeople.DrLee)
    {
        using var browser = factory.NewSession();
        return (await browser.ConnectAsync(email)).ConnectionId!.Value;
    }

    [Fact]
    public async Task A_hundred_concurrent_requests_for_one_expired_connection_make_one_token_call_and_get_the_same_token()
    {
        var id = await ConnectAsync();
        factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => factory.AccessTokenAsync(id))));

        TokenCalls.Should().Be(calls + 1);
        results.Select(r => r.AccessToken).Distinct().Should().ContainSingle().Which.Should().NotBeNull();
    }

    [Fact]
    public async Task Twenty_concurrent_writers_while_the_worker_refreshes_lose_nothing_and_fail_nobody()
    {
        var ids = new List<Guid> { await ConnectAsync(DemoPeople.DrLee), await ConnectAsync(DemoPeople.DrPatel) };
        using var sam = factory.NewSession();
        await sam.SignInAsync(DemoPeople.SamFront);
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var managerPrincipal = await manager.PrincipalAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(111));

        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            // People at work: invites written, connect flows started, refreshes asked for.
            if (i % 3 == 0) await factory.InScopeAsync<FullscriptPortal.Clinics.Invites, FullscriptPortal.Clinics.InviteLink?>(invites => invites.CreateAsync(managerPrincipal, sam.UserId!, default));
            else if (i % 3 == 1) await sam.StartConnectAsync();
            else await factory.AccessTokenAsync(ids[i % 2]);
        })).ToList();
        var worker = factory.SweepAsync();

        await Task.WhenAll([.. writers, worker]);

        foreach (var id in ids)
        {
            var connection = await factory.ConnectionOfIdAsync(id);
            connection.State.Should().Be(ConnectionState.Active);
            await factory.AssertHoldsLiveRefreshTokenAsync(id);
        }
        factory.Logs.Should().NotContain(l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_reports_database_worker_and_key_ring()
    {
        using var browser = factory.NewSession();

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
        var meters = factory.Services.GetRequiredService<IMeterFactory>(); // this portal's, not another test's running beside it
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == PortalMetrics.MeterName && instrument.Name == "fullscript.refreshes") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => { lock (outcomes) outcomes.Add(tags.ToArray().Single(t => t.Key == "outcome").Value!.ToString()!); });
        listener.Start();
        factory.Time.Advance(TimeSpan.FromHours(2));

        await factory.AccessTokenAsync(id);

        outcomes.Should().Equal("Refreshed");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(SharedPortal.Tokens)]
public sealed class FaultTestsOnSqlite(PortalFactory factory) : FaultTests(factory);

[Collection(SharedPortal.TokensOnPostgres)]
public sealed class FaultTestsOnPostgres(PostgresPortal portal) : FaultTests(portal.Factory);
