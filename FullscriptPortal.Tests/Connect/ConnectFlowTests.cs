using System.Net;
using System.Text;
using FullscriptPortal.Audit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Connect;

[Collection(SharedPortal.Connect)]
public sealed class ConnectFlowTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task A_practitioner_connects_end_to_end_and_only_ciphertext_is_stored()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);
        var callsBefore = factory.FullscriptCalls.All.Count;

        var authorize = await browser.StartConnectAsync();
        authorize.AbsolutePath.Should().Be("/simulator/api/oauth/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["client_id"].ToString().Should().Be("fullscript-portal-dev");
        query["response_type"].ToString().Should().Be("code");
        query["redirect_uri"].ToString().Should().Be(new Uri(browser.Http.BaseAddress!, "/oauth/fullscript/callback").AbsoluteUri);
        WebEncoders.Base64UrlDecode(query["state"]!).Length.Should().BeGreaterThanOrEqualTo(16, "state carries at least 128 random bits");
        query["code_challenge_method"].ToString().Should().Be("S256");

        var callback = await browser.DecideOnConsentAsync(authorize, DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        callback.AbsolutePath.Should().Be("/oauth/fullscript/callback");
        var dashboard = await browser.FollowCallbackAsync(callback);
        dashboard.PathAndQuery.Should().Be("/?connect=codereceived", "the callback never renders a page of its own");
        factory.FullscriptCalls.All.Should().HaveCount(callsBefore, "the circuit exchanges the code, not the callback");

        var outcome = await browser.FinishInCircuitAsync();

        outcome!.Succeeded.Should().BeTrue(outcome.Code.ToString());
        outcome.ClinicName.Should().Be("Northside Integrative Health");
        OutcomeText.For(outcome).Should().Be("Your Fullscript account at Northside Integrative Health is connected.");
        var connection = (await factory.ConnectionOfAsync(browser.UserId!))!;
        connection.State.Should().Be(ConnectionState.Active);
        connection.ServerKey.Should().Be("simulator");
        connection.ResourceOwnerId.Should().Be(DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        connection.ResourceOwnerType.Should().Be("Practitioner");
        connection.FullscriptClinicName.Should().Be("Northside Integrative Health");
        connection.FullscriptClinicId.Should().NotBeNullOrEmpty();
        connection.Scope.Should().Contain("catalog:read");
        connection.AccessTokenExpiresAt.Should().Be(connection.TokenCreatedAt.AddSeconds(7200));
        factory.FullscriptCalls.All.Skip(callsBefore).Should().Equal("POST /simulator/api/oauth/token", "GET /simulator/api/clinic");

        var protector = factory.Services.GetRequiredService<TokenProtector>();
        var secrets = new[] { protector.Unprotect(connection.AccessTokenProtected!), protector.Unprotect(connection.RefreshTokenProtected!) };
        secrets.Should().OnlyContain(s => s.Length >= 32);

        var databaseText = await ReadWholeDatabaseAsTextAsync(factory.DatabasePath);
        var dashboardHtml = await browser.Http.GetStringAsync("/");
        foreach (var secret in secrets)
        {
            databaseText.Should().NotContain(secret, "tokens are stored encrypted only");
            factory.Logs.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal), "no token reaches a log");
            dashboardHtml.Should().NotContain(secret, "no token reaches a page");
        }
        dashboardHtml.Should().Contain("Northside Integrative Health").And.Contain("Active");
    }

    [Fact]
    public async Task Two_circuits_finishing_the_same_connect_spend_the_code_once()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrPatel);
        var callback = await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrPatel));
        await browser.FollowCallbackAsync(callback);
        var tokenCallsBefore = factory.FullscriptCalls.Count("/oauth/token");

        var outcomes = await Task.WhenAll(browser.FinishInCircuitAsync(), browser.FinishInCircuitAsync(), browser.FinishInCircuitAsync());

        outcomes.Count(o => o?.Succeeded == true).Should().Be(1);
        outcomes.Count(o => o is null).Should().Be(2, "the other circuits find nothing left to exchange");
        (factory.FullscriptCalls.Count("/oauth/token") - tokenCallsBefore).Should().Be(1);
    }

    [Fact]
    public async Task A_lost_code_exchange_answer_is_not_retried_blindly()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);
        await browser.FollowCallbackAsync(await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.SamFront)));
        var tokenCalls = factory.FullscriptCalls.Count("/oauth/token");
        factory.Faults().DropNextTokenResponses(1);

        var outcome = await browser.FinishInCircuitAsync();

        outcome!.Succeeded.Should().BeFalse();
        outcome.WillRetry.Should().BeTrue();
        factory.FullscriptCalls.Count("/oauth/token").Should().Be(tokenCalls + 1, "a code is single-use, so a retry in the call could only fail");
        (await factory.ConnectionOfAsync(browser.UserId!)).Should().BeNull();
    }

    [Fact]
    public async Task Connecting_needs_a_signed_in_user()
    {
        using var browser = factory.NewSession();

        var response = await browser.Http.GetAsync(ConnectEndpoints.ConnectPath);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/account/signin");
    }

    [Fact]
    public async Task A_return_path_that_leaves_the_site_is_replaced_by_the_dashboard()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        var response = await browser.Http.GetAsync($"{ConnectEndpoints.ConnectPath}?returnUrl={Uri.EscapeDataString("//evil.example/steal")}");
        var authorize = new Uri(browser.Http.BaseAddress!, response.Headers.Location!);
        var callback = await browser.DecideOnConsentAsync(authorize, DemoPeople.FullscriptIdOf(DemoPeople.SamFront), approve: false);

        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=denied");
    }

    [Fact]
    public async Task Role_based_mode_does_not_let_managers_or_support_start_a_connection()
    {
        foreach (var email in new[] { DemoPeople.Manager, DemoPeople.Support })
        {
            using var browser = factory.NewSession();
            await browser.SignInAsync(email);
            (await browser.Http.GetAsync("/connect/fullscript")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");
        }
        (await factory.QueryAsync(db => db.PendingAuthorizations.CountAsync())).Should().Be(0);
    }


    [Fact]
    public async Task The_worker_finishes_an_exchange_whose_browser_went_away()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);
        await browser.FollowCallbackAsync(await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee)));

        (await factory.SweepAsync()).Exchanges.Should().Be(0, "the dashboard gets the first chance");
        factory.Time.Advance(TimeSpan.FromSeconds(31));
        (await factory.SweepAsync()).Exchanges.Should().Be(1);

        (await factory.ConnectionOfAsync(browser.UserId!))!.State.Should().Be(ConnectionState.Active);
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.CodeExchanged));
        audit.ActorUserId.Should().Be(AuditActions.System);
    }

    private static async Task<string> ReadWholeDatabaseAsTextAsync(string path)
    {
        // Checkpoint the WAL so every committed row is in the main file, then read it as bytes.
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(FULL);";
            await command.ExecuteNonQueryAsync();
        }
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file, Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
