using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Tokens;

/// <summary>The portal's refresh against the simulator, with the documented rotation rule in force.</summary>
public sealed class RefreshTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    private async Task<Guid> ConnectAsync(string email)
    {
        using var browser = _factory.NewSession();
        var outcome = await browser.ConnectAsync(email);
        outcome.Succeeded.Should().BeTrue(outcome.Code.ToString());
        return outcome.ConnectionId!.Value;
    }

    private int TokenCalls => _factory.FullscriptCalls.Count("/oauth/token");

    [Fact]
    public async Task A_fresh_access_token_is_used_as_it_is()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;

        var (token, outcome) = await _factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.NotNeeded);
        token.Should().NotBeNullOrEmpty();
        TokenCalls.Should().Be(calls);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_before_use_and_the_rotated_pair_is_stored()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var (oldAccess, _) = await _factory.AccessTokenAsync(id);
        var oldRefresh = await _factory.StoredRefreshTokenAsync(id);
        _factory.Time.Advance(TimeSpan.FromHours(2));

        var (newAccess, outcome) = await _factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.Refreshed);
        newAccess.Should().NotBe(oldAccess);
        (await _factory.StoredRefreshTokenAsync(id)).Should().NotBe(oldRefresh, "Fullscript rotates refresh tokens");
        var connection = await _factory.QueryAsync(db => db.Connections.SingleAsync(c => c.Id == id));
        connection.State.Should().Be(ConnectionState.Active);
        connection.LastRefreshedAt.Should().Be(_factory.Time.GetUtcNow());
        connection.AccessTokenExpiresAt.Should().Be(_factory.Time.GetUtcNow().AddHours(2));
    }

    [Fact]
    public async Task The_refresh_margin_decides_when_a_token_is_about_to_expire()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;

        _factory.Time.Advance(TimeSpan.FromMinutes(114)); // 6 minutes left: outside the 5-minute margin
        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NotNeeded);
        TokenCalls.Should().Be(calls);

        _factory.Time.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: inside it
        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.Refreshed);
        TokenCalls.Should().Be(calls + 1);
    }

    [Fact]
    public async Task A_refresh_response_lost_in_every_attempt_is_recovered_later_with_the_old_refresh_token()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await _factory.StoredRefreshTokenAsync(id);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().DropNextTokenResponses(3); // the call and both in-call retries: Fullscript issues, the portal never hears

        var (lost, outcome) = await _factory.AccessTokenAsync(id);

        lost.Should().BeNull();
        outcome.Result.Should().Be(RefreshResult.WillRetry);
        (await _factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh, "nothing was received, so the old pair is kept");
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.RefreshFailing);

        _factory.Time.Advance(TimeSpan.FromMinutes(1)); // past the first back-off
        await _factory.SweepAsync();

        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
        (await _factory.AccessTokenAsync(id)).AccessToken.Should().NotBeNull();
        (await _factory.StoredRefreshTokenAsync(id)).Should().NotBe(oldRefresh);
    }

    [Fact]
    public async Task A_single_lost_response_is_retried_within_the_call()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var calls = TokenCalls;
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().DropNextTokenResponses(1);

        var (token, outcome) = await _factory.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.Refreshed);
        token.Should().NotBeNull();
        TokenCalls.Should().Be(calls + 2, "the in-call retry sent the old refresh token again");
    }

    [Fact]
    public async Task When_storing_the_new_pair_fails_the_old_refresh_token_is_kept_and_works_again()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await _factory.StoredRefreshTokenAsync(id);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.FailingWrites.FailNext(1);

        var (token, outcome) = await _factory.AccessTokenAsync(id);

        token.Should().BeNull("a pair that is not stored is never handed out");
        outcome.Result.Should().Be(RefreshResult.WillRetry);
        (await _factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh);
        _factory.Logs.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Storing the refreshed tokens", StringComparison.Ordinal),
            "the failed write is logged, not swallowed");

        var (retried, again) = await _factory.AccessTokenAsync(id);

        again.Result.Should().Be(RefreshResult.Refreshed);
        retried.Should().NotBeNull();
    }

    [Fact]
    public async Task Invalid_grant_needs_a_reconnect_and_is_never_tried_again()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        await _factory.RevokeInsideFullscriptAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var (token, outcome) = await _factory.AccessTokenAsync(id);

        token.Should().BeNull();
        outcome.Result.Should().Be(RefreshResult.NeedsReconnect);
        TokenCalls.Should().Be(calls + 1);
        for (var i = 0; i < 5; i++)
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(30));
            await _factory.SweepAsync();
            (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NeedsReconnect);
        }
        TokenCalls.Should().Be(calls + 1, "a refused grant is not retried");
        var connection = await _factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.RefreshTokenProtected.Should().BeNull("dead tokens are not kept");
    }

    [Fact]
    public async Task A_429_is_waited_out_for_as_long_as_retry_after_says()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().ThrottleNextTokenCalls(1, retryAfterSeconds: 600);
        var calls = TokenCalls;

        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        TokenCalls.Should().Be(calls + 1, "a 429 is not retried within the call");
        (await _factory.ConnectionOfIdAsync(id)).NextRefreshAttemptAt.Should().Be(_factory.Time.GetUtcNow().AddSeconds(600));

        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        _factory.Time.Advance(TimeSpan.FromSeconds(599));
        await _factory.SweepAsync();
        TokenCalls.Should().Be(calls + 1, "nothing is sent before Retry-After has passed");

        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        (await _factory.SweepAsync()).Refreshes.Should().Be(1);
        TokenCalls.Should().Be(calls + 2);
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task Server_errors_back_off_and_keep_the_tokens_until_fullscript_recovers()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        var oldRefresh = await _factory.StoredRefreshTokenAsync(id);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().FailNextTokenCalls(6, 503);

        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.WillRetry);
        var first = await _factory.ConnectionOfIdAsync(id);
        first.ConsecutiveFailures.Should().Be(1);
        first.RefreshTokenProtected.Should().NotBeNull();
        (first.NextRefreshAttemptAt - _factory.Time.GetUtcNow()).Should().BeCloseTo(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(6.1));

        _factory.Time.Advance(TimeSpan.FromSeconds(37));
        await _factory.SweepAsync();
        var second = await _factory.ConnectionOfIdAsync(id);
        second.ConsecutiveFailures.Should().Be(2);
        (second.NextRefreshAttemptAt - _factory.Time.GetUtcNow()).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(12.1), "the wait doubles");
        (await _factory.StoredRefreshTokenAsync(id)).Should().Be(oldRefresh);

        _factory.Time.Advance(TimeSpan.FromSeconds(73));
        await _factory.SweepAsync();
        var recovered = await _factory.ConnectionOfIdAsync(id);
        recovered.State.Should().Be(ConnectionState.Active);
        recovered.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        _factory.Time.Advance(TimeSpan.FromHours(2));
        var calls = TokenCalls;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _factory.AccessTokenAsync(id)));

        TokenCalls.Should().Be(calls + 1);
        results.Select(r => r.AccessToken).Distinct().Should().ContainSingle().Which.Should().NotBeNull();
    }

    [Fact]
    public async Task Every_refresh_records_fullscripts_request_id()
    {
        var id = await ConnectAsync(DemoPeople.DrLee);
        _factory.Time.Advance(TimeSpan.FromHours(2));

        await _factory.AccessTokenAsync(id);

        var entry = await _factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.ConnectionId == id && e.Action == AuditActions.Refreshed));
        entry.FullscriptRequestId.Should().NotBeNullOrEmpty();
        entry.Outcome.Should().Be("refreshed");
    }

    public void Dispose() => _factory.Dispose();
}
