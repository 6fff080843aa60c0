using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>"Refresh now" pressed twice on one connection (two tabs, or a person and their manager): the second request
/// joins the first, and a check that loses a write race says so instead of throwing.</summary>
public abstract class RefreshNowTogetherTests(PortalFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // Polls until the portal has sent a call to Fullscript: a point in the first request, not a wait for an outcome.
    private async Task CallSentAsync(string pathEnd, int count)
    {
        for (var i = 0; i < 500 && factory.FullscriptCalls.Count(pathEnd) < count; i++) await Task.Delay(10);
        factory.FullscriptCalls.Count(pathEnd).Should().Be(count);
    }

    [Fact]
    public async Task Two_overlapping_refresh_now_requests_on_one_connection_share_one_run_instead_of_throwing()
    {
        using var lee = factory.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        factory.FullscriptCalls.Clear();
        factory.Faults().Latency = TimeSpan.FromSeconds(2); // slow answers, so the two requests really overlap

        var firstTab = lee.InCircuitAsync(c => c.RefreshNowAsync());
        await CallSentAsync("/clinic", 1); // the first tab has refreshed and is proving the new token with Fullscript
        var secondTab = lee.InCircuitAsync(c => c.RefreshNowAsync());

        var outcomes = await Task.WhenAll(firstTab, secondTab);

        outcomes.Select(o => o.Code).Should().Equal(RefreshCode.RefreshedAndConfirmed, RefreshCode.RefreshedAndConfirmed);
        factory.FullscriptCalls.Count("/oauth/token").Should().Be(1, "the second request joined the first instead of rotating the pair again");
        factory.FullscriptCalls.Count("/clinic").Should().Be(1);
    }

    [Fact]
    public async Task A_check_that_loses_a_race_with_a_refresh_reports_it_and_stores_nothing_stale()
    {
        using var lee = factory.NewSession();
        var id = (await lee.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        factory.FullscriptCalls.Clear();
        factory.Faults().Latency = TimeSpan.FromSeconds(2);

        var check = factory.InScopeAsync<ConnectionProbe, RefreshOutcome>(probe => probe.CheckAsync(id, "test", CancellationToken.None));
        await CallSentAsync("/clinic", 1);
        // Meanwhile a refresh from elsewhere writes the row (its lease first, before its own slow call to Fullscript).
        var refresh = factory.InScopeAsync<ConnectionTokens, RefreshOutcome>(tokens => tokens.RefreshAsync(id, "test", force: true, CancellationToken.None));

        var (checkedOutcome, refreshed) = (await check, await refresh);

        checkedOutcome.Code.Should().Be(RefreshCode.ChangedMeanwhile);
        refreshed.Result.Should().Be(RefreshResult.Refreshed);
        (await factory.ConnectionOfIdAsync(id)).LastProbedAt.Should().BeNull("the losing check stored nothing");
    }
}

[Collection(SharedPortal.Tokens)]
public sealed class RefreshNowTogetherTestsOnSqlite(PortalFactory factory) : RefreshNowTogetherTests(factory);

[Collection(SharedPortal.TokensOnPostgres)]
public sealed class RefreshNowTogetherTestsOnPostgres(PostgresPortal portal) : RefreshNowTogetherTests(portal.Factory);
