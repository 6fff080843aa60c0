using System.Net;
using FullscriptPortal.Api;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Api;

/// <summary>The backend calling Fullscript through the portal, as the person, over real HTTP to the simulator.</summary>
[Collection(SharedPortal.Api)]
public sealed class ProxyTests(PortalFactory factory) : IAsyncLifetime
{

    private async Task<BackendClient> ConnectedDrLeeAsync()
    {
        using (var browser = factory.NewSession()) await browser.ConnectAsync(DemoPeople.DrLee);
        await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, "dr-lee")));
        return await BackendClient.CreateAsync(factory);
    }

    [Fact]
    public async Task A_call_goes_to_the_connections_own_server_with_the_persons_token_and_comes_back_as_fullscript_answered()
    {
        using var backend = await ConnectedDrLeeAsync();

        var clinic = await backend.GetAsync("/api/v1/users/dr-lee/fullscript/clinic");
        clinic.StatusCode.Should().Be(HttpStatusCode.OK, "the simulator accepts only the person's access token, never the caller's API key");
        (await BackendClient.JsonAsync(clinic)).GetProperty("clinic").GetProperty("name").GetString().Should().Be(SimulatedDirectory.Northside.Name);
        clinic.Headers.GetValues("X-Request-Id").Single().Should().NotBeNullOrEmpty();

        var page = await backend.GetAsync("/api/v1/users/dr-lee/fullscript/clinic/patients?page[number]=2&page[size]=3");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var meta = (await BackendClient.JsonAsync(page)).GetProperty("meta");
        (meta.GetProperty("current_page").GetInt32(), meta.GetProperty("total_count").GetInt32()).Should().Be((2, 7), "the query string reaches Fullscript unchanged");

        var unknown = await backend.GetAsync("/api/v1/users/dr-lee/fullscript/no/such/thing");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound, "Fullscript's own 404 passes through");
        (await BackendClient.JsonAsync(unknown)).GetProperty("error").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task A_401_from_fullscript_refreshes_once_and_retries()
    {
        using var backend = await ConnectedDrLeeAsync();
        // The portal's clock and Fullscript's disagree: the portal believes the token lives another hour.
        await factory.QueryAsync(async db =>
        {
            var connection = await db.Connections.SingleAsync();
            connection.AccessTokenExpiresAt = connection.AccessTokenExpiresAt.AddHours(1);
            return await db.SaveChangesAsync();
        });
        factory.Time.Advance(TimeSpan.FromHours(2.2));
        var refreshes = factory.FullscriptCalls.Count("/oauth/token");

        var response = await backend.GetAsync("/api/v1/users/dr-lee/fullscript/clinic");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        factory.FullscriptCalls.Count("/oauth/token").Should().Be(refreshes + 1);
    }

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_answers_409_with_a_connect_link()
    {
        using var backend = await ConnectedDrLeeAsync();
        await factory.RevokeInsideFullscriptAsync();

        var problem = await BackendClient.ProblemAsync(await backend.GetAsync("/api/v1/users/dr-lee/fullscript/clinic"), HttpStatusCode.Conflict, ApiProblems.NeedsReconnectType);
        problem.GetProperty("connect_link").GetString().Should().Contain("/invite/");
    }

    [Theory]
    [InlineData("../oauth/token")]
    [InlineData("clinic/../oauth/revoke")]
    [InlineData("clinic%2F..%2Foauth")]
    public async Task Paths_that_leave_the_api_base_are_refused_and_reach_nothing(string path)
    {
        using var backend = await ConnectedDrLeeAsync();
        var calls = factory.FullscriptCalls.All.Count;

        var response = await backend.GetAsync($"/api/v1/users/dr-lee/fullscript/{path}");

        ((int)response.StatusCode).Should().BeInRange(400, 404);
        factory.FullscriptCalls.All.Count.Should().Be(calls);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
