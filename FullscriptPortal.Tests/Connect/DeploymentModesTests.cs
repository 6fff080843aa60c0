using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connect;

/// <summary>What changes with configuration: required scopes, the server, PKCE and the authorization model.</summary>
public sealed class DeploymentModesTests
{
    [Fact]
    public async Task A_connection_without_a_required_scope_needs_reconnecting_with_the_reason()
    {
        using var factory = new PortalFactory();
        factory.Settings["Fullscript:RequiredScopes:0"] = "catalog:read";
        factory.Settings["Fullscript:RequiredScopes:1"] = "orders:write";
        using var browser = factory.NewSession();

        var outcome = await browser.ConnectAsync(DemoPeople.DrLee);

        outcome.Succeeded.Should().BeFalse();
        outcome.MissingScope.Should().Be("orders:write");
        OutcomeText.For(outcome).Should().Contain("did not grant the scope orders:write, which the portal needs");
        var connection = (await factory.ConnectionOfAsync(browser.UserId!))!;
        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.StateReason.Should().Be("missing scope orders:write");
        connection.RefreshTokenProtected.Should().NotBeNull("the grant is live, so Disconnect can still revoke it");
    }

    [Fact]
    public async Task Scopes_that_drift_away_on_refresh_need_a_reconnect()
    {
        // The app now requires a scope its tokens were not granted; Fullscript does not add scopes to existing tokens.
        var (restarted, id) = await ConnectThenRestartAsync(settings => settings["Fullscript:RequiredScopes:0"] = "orders:write");
        using var _ = restarted;
        restarted.Time.Advance(TimeSpan.FromHours(2));

        var (token, outcome) = await restarted.AccessTokenAsync(id);

        token.Should().BeNull();
        outcome.Result.Should().Be(RefreshResult.NeedsReconnect);
        (await restarted.ConnectionOfIdAsync(id)).StateReason.Should().Be("missing scope orders:write");
    }

    [Fact]
    public async Task A_connection_keeps_using_the_server_that_issued_it_after_the_default_server_changes()
    {
        // The deployment moves to the US sandbox (unreachable here) but keeps the simulator for the grants it issued.
        var (restarted, id) = await ConnectThenRestartAsync(settings =>
        {
            settings.UseRealServer("us-sandbox", "sandbox-app");
            settings["Fullscript:Servers:us-sandbox:ApiBase"] = "http://127.0.0.1:9/api";
            settings["Simulator:Enabled"] = "true";
        });
        using var _ = restarted;
        restarted.Time.Advance(TimeSpan.FromHours(2));

        var (token, outcome) = await restarted.AccessTokenAsync(id);

        outcome.Result.Should().Be(RefreshResult.Refreshed, outcome.Code.ToString());
        token.Should().NotBeNull();
        restarted.FullscriptCalls.All.Should().Equal("POST /simulator/api/oauth/token");
        (await restarted.ConnectionOfIdAsync(id)).ServerKey.Should().Be("simulator");
    }

    /// <summary>Dr. Lee connects; then the portal restarts on the same files with changed settings.</summary>
    private static async Task<(PortalFactory Restarted, Guid ConnectionId)> ConnectThenRestartAsync(Action<Dictionary<string, string?>> changeSettings)
    {
        var first = new PortalFactory();
        var restarted = PortalFactory.RestartOf(first);
        using (first)
        {
            using var browser = first.NewSession();
            var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
            changeSettings(restarted.Settings);
            return (restarted, id);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task Pkce_is_off_for_real_servers_unless_configured(string? usePkce, bool expectChallenge)
    {
        using var factory = new PortalFactory();
        factory.Settings.UseRealServer("us-sandbox", "sandbox-app");
        if (usePkce is not null) factory.Settings["Fullscript:UsePkce"] = usePkce;
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var authorize = await browser.StartConnectAsync();

        authorize.GetLeftPart(UriPartial.Path).Should().Be("https://api-us-snd.fullscript.io/api/oauth/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["client_id"].ToString().Should().Be("sandbox-app");
        query["redirect_uri"].ToString().Should().Be(PortalFactoryExtensions.RealRedirectUri);
        query.ContainsKey("code_challenge").Should().Be(expectChallenge);
        query.ContainsKey("scope").Should().BeFalse("Fullscript ignores scope in the query; scopes are set in its dashboard");
    }

    [Fact]
    public async Task The_authorize_url_can_be_overridden_per_server()
    {
        using var factory = new PortalFactory();
        factory.Settings.UseRealServer("ca", "ca-app");
        factory.Settings["Fullscript:Servers:ca:AuthorizeUrl"] = "https://ca.fullscript.io/oauth/authorize";
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        (await browser.StartConnectAsync()).GetLeftPart(UriPartial.Path).Should().Be("https://ca.fullscript.io/oauth/authorize");
    }

    [Fact]
    public async Task In_clinic_level_mode_a_manager_connects_the_clinic_and_every_member_sees_it()
    {
        using var factory = new PortalFactory();
        factory.Settings["Fullscript:AuthorizationModel"] = "ClinicLevel";
        using var practitioner = factory.NewSession();
        await practitioner.SignInAsync(DemoPeople.DrLee);
        (await practitioner.Http.GetAsync("/connect/fullscript")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");

        using var manager = factory.NewSession();
        var outcome = await manager.ConnectAsync(DemoPeople.Manager, fullscriptUserEmail: DemoPeople.DrLee);

        outcome.Succeeded.Should().BeTrue(outcome.Code.ToString());
        var connection = await factory.QueryAsync(db => db.Connections.SingleAsync());
        connection.ClinicId.Should().NotBeNull();
        connection.UserId.Should().BeNull();
        var seenByPractitioner = await practitioner.InCircuitAsync(circuit => circuit.GetMyConnectionAsync());
        seenByPractitioner!.IsClinicConnection.Should().BeTrue();
        seenByPractitioner.FullscriptClinicName.Should().Be("Northside Integrative Health");
        (await practitioner.InCircuitAsync(circuit => circuit.CanManageMyConnectionAsync())).Should().BeFalse();
        (await practitioner.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.NotFound, "only the manager acts on the clinic's connection");

        using var otherClinic = factory.NewSession();
        await otherClinic.SignInAsync(DemoPeople.DrPatel);
        (await otherClinic.InCircuitAsync(circuit => circuit.GetMyConnectionAsync())).Should().BeNull();

        (await manager.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.Disconnected);
    }
}
