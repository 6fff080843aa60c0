using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>The portal's refresh against the simulator, with the documented rotation rule in force.</summary>
public abstract class RefreshTests(PortalFactory factory) : IAsyncLifetime
{
    private async Task<Guid> ConnectAsync(string email)
    {
        using var browser = factory.NewSession();
        var outcome = await browser.ConnectAsync(email);
        outcome.Succeeded.Should().BeTrue(outcome.Code.ToString());
        return outcome.ConnectionId!.Value;
    }

    private int TokenCalls => factory.FullscriptCalls.Count("/oauth/token");

    [Fact]
    public async Task A_fresh_access_token_is_used_as_it_is()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;

        var (token, outcome) = await factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.NotNeeded);
        token.Should().NotBeNullOrEmpty();
        TokenCalls.Should().Be(calls);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_before_use_and_the_rotated_pair_is_stored()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var (oldAccess, _) = await factory.AccessTokenAsync(id);
        var oldRefresh = await factory.StoredRefreshTokenAsync(id);
        factory.Time.Advance(TimeSpan.FromHours(2));

        var (newAccess, outcome) = await factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.Refreshed);
        newAccess.Should().NotBe(oldAccess);
        (await factory.StoredRefreshTokenAsync(id)).Should().NotBe(oldRefresh, "Fullscript rotates refresh tokens");
        var connection = await factory.QueryAsync(db => db.Connections.SingleAsync(c => c.Id == id));
        connection.State.Should().Be(ConnectionState.Active);
        connection.LastRefreshedAt.Should().Be(factory.Time.GetUtcNow());
        connection.AccessTokenExpiresAt.Should().Be(factory.Time.GetUtcNow().AddHours(2));
    }

    [Fact]
    public async Task The_refresh_margin_decides_when_a_token_is_about_to_expire()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;

        factory.Time.Advance(TimeSpan.FromMinutes(114)); // 6 minutes left: outside the 5-minute margin
        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NotNeeded);
        TokenCalls.Should().Be(calls);

        factory.Time.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: inside it
        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.Refreshed);
        TokenCalls.Should().Be(calls + 1);
    }

    [Fact]
    public async Task A_refresh_response_lost_in_every_attempt_is_recovered_later_with_the_old_refresh_token()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await factory.StoredRefreshTokenAsync(id);
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.Faults().DropNextTokenResponses(3); // the call and both in-call retries: Fullscript issues, the portal never hears

        var (lost, outcome) = await factory.AccessTokenAsync(id);

        lost.Should().BeNull();
        outcome.Result.Should().Be(RefreshResult.WillRetry);
        (await factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh, "nothing was received, so the old pair is kept");
        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.RefreshFailing);

        factory.Time.Advance(TimeSpan.FromMinutes(1)); // past the first back-off
        await factory.SweepAsync();

        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
        (await factory.AccessTokenAsync(id)).AccessToken.Should().NotBeNull();
        (await factory.StoredRefreshTokenAsync(id)).Should().NotBe(oldRefresh);
    }

    [Fact]
    public async Task A_single_lost_response_is_retried_within_the_call()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.Faults().DropNextTokenResponses(1);

        var (token, outcome) = await factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.Refreshed);
        token.Should().NotBeNull();
        TokenCalls.Should().Be(calls + 2, "the in-call retry sent the old refresh token again");
    }

    [Fact]
    public async Task When_storing_the_new_pair_fails_the_old_refresh_token_is_kept_and_works_again()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await factory.StoredRefreshTokenAsync(id);
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.FailingWrites.FailNext(1);

        var (token, outcome) = await factory.AccessTokenAsync(id);

        token.Should().BeNull("a pair that is not stored is never handed out");
        outcome.Result.Should().Be(RefreshResult.WillRetry);
        (await factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh);
        factory.Logs.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Storing the refreshed tokens", StringComparison.Ordinal),
            "the failed write is logged, not swallowed");

        var (retried, again) = await factory.AccessTokenAsync(id);

        again.Result.Should().Be(RefreshResult.Refreshed);
        retried.Should().NotBeNull();
    }

    [Fact]
    public async Task Invalid_grant_needs_a_reconnect_and_is_never_tried_again()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        await factory.RevokeInsideFullscriptAsync();
        factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var (token, outcome) = await factory.AccessTokenAsync(id);

        token.Should().BeNull();
        outcome.Result.Should().Be(RefreshResult.NeedsReconnect);
        TokenCalls.Should().Be(calls + 1);
        for (var i = 0; i < 5; i++)
        {
            factory.Time.Advance(TimeSpan.FromMinutes(30));
            await factory.SweepAsync();
            (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NeedsReconnect);
        }
        TokenCalls.Should().Be(calls + 1, "a refused grant is not retried");
        var connection = await factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.RefreshTokenProtected.Should().BeNull("dead tokens are not kept");
    }

    [Fact]
    public async Task A_429_is_waited_out_for_as_long_as_retry_after_says()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.Faults().ThrottleNextTokenCalls(1, retryAfterSeconds: 600);
        var calls = TokenCalls;

        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        TokenCalls.Should().Be(calls + 1, "a 429 is not retried within the call");
        (await factory.ConnectionOfIdAsync(id)).NextRefreshAttemptAt.Should().Be(factory.Time.GetUtcNow().AddSeconds(600));

        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        factory.Time.Advance(TimeSpan.FromSeconds(599));
        await factory.SweepAsync();
        TokenCalls.Should().Be(calls + 1, "nothing is sent before Retry-After has passed");

        factory.Time.Advance(TimeSpan.FromSeconds(1));
        (await factory.SweepAsync()).Refreshes.Should().Be(1);
        TokenCalls.Should().Be(calls + 2);
        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task Server_errors_back_off_and_keep_the_tokens_until_fullscript_recovers()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await factory.StoredRefreshTokenAsync(id);
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.Faults().FailNextTokenCalls(6, 503);

        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        var first = await factory.ConnectionOfIdAsync(id);
        first.ConsecutiveFailures.Should().Be(1);
        first.RefreshTokenProtected.Should().NotBeNull();
        (first.NextRefreshAttemptAt - factory.Time.GetUtcNow()).Should().BeCloseTo(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(6.1));

        factory.Time.Advance(TimeSpan.FromSeconds(37));
        await factory.SweepAsync();
        var second = await factory.ConnectionOfIdAsync(id);
        second.ConsecutiveFailures.Should().Be(2);
        (second.NextRefreshAttemptAt - factory.Time.GetUtcNow()).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(12.1), "the wait doubles");
        (await factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh);

        factory.Time.Advance(TimeSpan.FromSeconds(73));
        await factory.SweepAsync();
        var recovered = await factory.ConnectionOfIdAsync(id);
        recovered.State.Should().Be(ConnectionState.Active);
        recovered.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => factory.AccessTokenAsync(id)));

        TokenCalls.Should().Be(calls + 1);
        results.Select(r => r.AccessToken).Distinct().Should().ContainSingle().Which.Should().NotBeNull();
    }

    [Fact]
    public async Task Every_refresh_records_fullscripts_request_id()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        factory.Time.Advance(TimeSpan.FromHours(2));

        await factory.AccessTokenAsync(id);

        var entry = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.ConnectionId == id && e.Action == AuditActions.Refreshed));
        entry.FullscriptRequestId.Should().NotBeNullOrEmpty();
        entry.Outcome.Should().Be("refreshed");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(SharedPortal.Tokens)]
public sealed class RefreshTestsOnSqlite(PortalFactory factory) : RefreshTests(factory);

[Collection(SharedPortal.TokensOnPostgres)]
public sealed class RefreshTestsOnPostgres(PostgresPortal portal) : RefreshTests(portal.Factory);
