using System.Net;
using System.Net.Http.Headers;
using FullscriptPortal.Audit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Tokens;

[Collection(SharedPortal.Tokens)]
public sealed class DisconnectTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task Disconnect_revokes_at_fullscript_then_forgets_the_tokens()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var (accessToken, _) = await factory.AccessTokenAsync(id);

        var outcome = await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        outcome.Result.Should().Be(DisconnectResult.Disconnected);
        var connection = await factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.Revoked);
        connection.AccessTokenProtected.Should().BeNull();
        connection.RefreshTokenProtected.Should().BeNull();
        connection.RevokedBy.Should().Be(browser.UserId);
        connection.StateReason.Should().Contain("Dr. Jordan Lee");
        factory.FullscriptCalls.Count("/oauth/revoke").Should().Be(1);
        (await factory.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null, "the grant is gone at Fullscript");
        (await ClinicStatusAsync(browser, accessToken!)).Should().Be(HttpStatusCode.Unauthorized);
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.ConnectionId == id && e.Action == AuditActions.Disconnect));
        audit.Outcome.Should().Be("revoked");
        audit.FullscriptRequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task While_fullscript_is_down_the_disconnect_stays_pending_and_is_retried()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        factory.Faults().FailNextTokenCalls(3, 503);

        var outcome = await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        outcome.Result.Should().Be(DisconnectResult.Pending);
        outcome.Code.Should().Be(DisconnectCode.Pending);
        OutcomeText.For(outcome).Should().Contain("still live");
        var pending = await factory.ConnectionOfIdAsync(id);
        pending.State.Should().Be(ConnectionState.Active, "the user is not told it is disconnected");
        pending.DisconnectRequestedAt.Should().NotBeNull();
        pending.RefreshTokenProtected.Should().NotBeNull("the grant is still live, so its tokens are kept for the retry");
        (await browser.InCircuitAsync(circuit => circuit.GetMyConnectionAsync()))!.DisconnectPending.Should().BeTrue();
        (await factory.SimulatorGrantsAsync()).Should().ContainSingle(g => g.RevokedAt == null);
        (await factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NotRefreshable, "a connection being disconnected is not refreshed");

        (await factory.SweepAsync()).Disconnects.Should().Be(1);

        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Revoked);
        (await factory.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null);
    }

    [Fact]
    public async Task A_grant_fullscript_no_longer_knows_is_disconnected_locally()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await factory.RevokeInsideFullscriptAsync();

        (await browser.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.Disconnected);
        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Revoked);
    }

    [Fact]
    public async Task A_user_without_a_connection_has_nothing_to_disconnect()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        (await browser.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.NotFound);
        factory.FullscriptCalls.Count("/oauth/revoke").Should().Be(0);
    }

    [Fact]
    public async Task After_a_disconnect_the_same_flow_reconnects_and_replaces_the_old_state()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await browser.InCircuitAsync(circuit => circuit.DisconnectAsync());

        var again = await browser.ConnectAsync(DemoPeople.DrLee);

        again.Succeeded.Should().BeTrue(again.Code.ToString());
        again.ConnectionId.Should().Be(id, "the user's one connection is reused");
        var connection = await factory.ConnectionOfIdAsync(id);
        connection.State.Should().Be(ConnectionState.Active);
        connection.RevokedAt.Should().BeNull();
        connection.RefreshTokenProtected.Should().NotBeNull();
    }

    [Fact]
    public async Task A_connection_revoked_inside_fullscript_is_noticed_by_the_next_check_and_can_be_reconnected()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        await factory.RevokeInsideFullscriptAsync();

        var check = await factory.InScopeAsync<ConnectionProbe, RefreshOutcome>(probe => probe.CheckAsync(id, "test", default));

        check.Result.Should().Be(RefreshResult.NeedsReconnect);
        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.NeedsReconnect);

        (await browser.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        (await factory.ConnectionOfIdAsync(id)).State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task Refresh_now_rotates_the_pair_and_proves_it_with_the_clinic_call()
    {
        using var browser = factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var before = await factory.StoredRefreshTokenAsync(id);
        var calls = factory.FullscriptCalls.All.Count;

        var outcome = await browser.InCircuitAsync(circuit => circuit.RefreshNowAsync());

        outcome.Result.Should().Be(RefreshResult.Refreshed, outcome.Code.ToString());
        factory.FullscriptCalls.All.Skip(calls).Should().Equal("POST /simulator/api/oauth/token", "GET /simulator/api/clinic");
        (await factory.StoredRefreshTokenAsync(id)).Should().NotBe(before);
        (await factory.ConnectionOfIdAsync(id)).LastRefreshedAt.Should().Be(factory.Time.GetUtcNow());
    }

    private static async Task<HttpStatusCode> ClinicStatusAsync(PortalSession browser, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/clinic") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) } };
        return (await browser.Http.SendAsync(request)).StatusCode;
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
