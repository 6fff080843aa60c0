using System.Net;
using System.Net.Http.Headers;
using FullscriptPortal.Audit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Tokens;

public sealed class DisconnectTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task Disconnect_revokes_at_fullscript_then_forgets_the_tokens()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var (accessToken, _) = await _factory.AccessTokenAsync(id);

        var outcome = await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        outcome.Result.Should().Be(DisconnectResult.Disconnected);
        var connection = await _factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.Revoked);
        connection.AccessTokenProtected.Should().BeNull();
        connection.RefreshTokenProtected.Should().BeNull();
        connection.RevokedBy.Should().Be(browser.UserId);
        connection.StateReason.Should().Contain("Dr. Jordan Lee");
        _factory.FullscriptCalls.Count("/oauth/revoke").Should().Be(1);
        (await _factory.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null, "the grant is gone at Fullscript");
        (await ClinicStatusAsync(browser, accessToken!)).Should().Be(HttpStatusCode.Unauthorized);
        var audit = await _factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.ConnectionId == id && e.Action == AuditActions.Disconnect));
        audit.Outcome.Should().Be("revoked");
        audit.FullscriptRequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task While_fullscript_is_down_the_disconnect_stays_pending_and_is_retried()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        _factory.Faults().FailNextTokenCalls(3, 503);

        var outcome = await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        outcome.Result.Should().Be(DisconnectResult.Pending);
        outcome.Code.Should().Be(DisconnectCode.Pending);
        OutcomeText.For(outcome).Should().Contain("still live");
        var pending = await _factory.ConnectionOfIdAsync(id);
        pending.State.Should().Be(ConnectionState.Active, "the user is not told it is disconnected");
        pending.DisconnectRequestedAt.Should().NotBeNull();
        pending.RefreshTokenProtected.Should().NotBeNull("the grant is still live, so its tokens are kept for the retry");
        (await browser.InCircuitAsync(circuit => circuit.GetMyConnectionAsync()))!.DisconnectPending.Should().BeTrue();
        (await _factory.SimulatorGrantsAsync()).Should().ContainSingle(g => g.RevokedAt == null);
        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NotRefreshable, "a connection being disconnected is not refreshed");

        (await _factory.SweepAsync()).Disconnects.Should().Be(1);

        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Revoked);
        (await _factory.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null);
    }

    [Fact]
    public async Task A_grant_fullscript_no_longer_knows_is_disconnected_locally()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await _factory.RevokeInsideFullscriptAsync();

        (await browser.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.Disconnected);
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Revoked);
    }

    [Fact]
    public async Task A_user_without_a_connection_has_nothing_to_disconnect()
    {
        using var browser = _factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        (await browser.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.NotFound);
        _factory.FullscriptCalls.Count("/oauth/revoke").Should().Be(0);
    }

    [Fact]
    public async Task After_a_disconnect_the_same_flow_reconnects_and_replaces_the_old_state()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        var again = await browser.ConnectAsync(DemoPeople.DrLee);

        again.Succeeded.Should().BeTrue(again.Code.ToString());
        again.ConnectionId.Should().Be(id, "the user's one connection is reused");
        var connection = await _factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.Active);
        connection.RevokedAt.Should().BeNull();
        connection.RefreshTokenProtected.Should().NotBeNull();
    }

    [Fact]
    public async Task A_connection_revoked_inside_fullscript_is_noticed_by_the_next_check_and_can_be_reconnected()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await _factory.RevokeInsideFullscriptAsync();

        var check = await _factory.InScopeAsync<ConnectionProbe, RefreshOutcome>(probe => probe.CheckAsync(id, "test", default));

        check.Result.Should().Be(RefreshResult.NeedsReconnect);
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.NeedsReconnect);

        (await browser.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        (await _factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task Refresh_now_rotates_the_pair_and_proves_it_with_the_clinic_call()
    {
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var before = await _factory.StoredRefreshTokenAsync(id);
        var calls = _factory.FullscriptCalls.All.Count;

        var outcome = await browser.InCircuitAsync(circuit => circuit.RefreshNowAsync());

        outcome.Result.Should().Be(RefreshResult.Refreshed, outcome.Code.ToString());
        _factory.FullscriptCalls.All.Skip(calls).Should().Equal("POST /simulator/api/oauth/token", "GET /simulator/api/clinic");
        (await _factory.StoredRefreshTokenAsync(id)).Should().NotBe(before);
        (await _factory.ConnectionOfIdAsync(id)).LastRefreshedAt.Should().Be(_factory.Time.GetUtcNow());
    }

    private static async Task<HttpStatusCode> ClinicStatusAsync(PortalSession browser, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/clinic") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) } };
        return (await browser.Http.SendAsync(request)).StatusCode;
    }

    public void Dispose() => _factory.Dispose();
}
