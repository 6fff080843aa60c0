using System.Net;
using FullscriptPortal.Api;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Api;

/// <summary>The token endpoint when things go wrong: a dead grant, Fullscript down, too many calls, a crowd of callers.
/// They share one portal, reset before each test, and move its clock and break its Fullscript.</summary>
[Collection(SharedPortal.Api)]
public sealed class TokenApiTests(PortalFactory factory) : IAsyncLifetime
{

    /// <summary>Dr. Lee, connected in the demo clinic, given an external id by the backend.</summary>
    private async Task<(BackendClient Backend, string Person)> ConnectedDrLeeAsync()
    {
        using (var browser = factory.NewSession()) await browser.ConnectAsync(DemoPeople.DrLee);
        var person = "dr-lee";
        await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, person)));
        return (await BackendClient.CreateAsync(factory), person);
    }

    private static string TokenPath(string person) => $"/api/v1/users/{person}/connection/access-token";

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_answers_409_with_a_connect_link()
    {
        var (backend, person) = await ConnectedDrLeeAsync();
        await factory.RevokeInsideFullscriptAsync();
        factory.Time.Advance(TimeSpan.FromHours(2));

        var problem = await BackendClient.ProblemAsync(await backend.PostAsync(TokenPath(person)), HttpStatusCode.Conflict, ApiProblems.NeedsReconnectType);

        var link = new Uri(problem.GetProperty("connect_link").GetString()!);
        link.AbsolutePath.Should().StartWith("/invite/");
        var connection = await BackendClient.JsonAsync(await backend.GetAsync($"/api/v1/users/{person}/connection"));
        (connection.GetProperty("state").GetString(), connection.GetProperty("needs_reconnect").GetBoolean()).Should().Be(("NeedsReconnect", true));
        backend.Dispose();
    }

    [Fact]
    public async Task Fullscript_failing_answers_503_with_retry_after_and_keeps_the_tokens()
    {
        var (backend, person) = await ConnectedDrLeeAsync();
        factory.Time.Advance(TimeSpan.FromHours(2));
        factory.Faults().FailNextTokenCalls(10, 503);

        var response = await backend.PostAsync(TokenPath(person));

        await BackendClient.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, ApiProblems.FullscriptUnavailableType);
        int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        var connection = await BackendClient.JsonAsync(await backend.GetAsync($"/api/v1/users/{person}/connection"));
        connection.GetProperty("state").GetString().Should().Be("RefreshFailing");
        connection.GetProperty("failing_since").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);
        backend.Dispose();
    }

    [Fact]
    public async Task A_hundred_concurrent_token_requests_for_an_expired_connection_make_one_refresh_at_fullscript()
    {
        var (backend, person) = await ConnectedDrLeeAsync();
        factory.Time.Advance(TimeSpan.FromHours(2));
        var before = factory.FullscriptCalls.Count("/oauth/token");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => backend.PostAsync(TokenPath(person))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        factory.FullscriptCalls.Count("/oauth/token").Should().Be(before + 1);
        var tokens = await Task.WhenAll(responses.Select(async r => (await BackendClient.JsonAsync(r)).GetProperty("access_token").GetString()));
        tokens.Distinct().Should().ContainSingle();
        backend.Dispose();
    }

    [Fact]
    public async Task Connect_links_return_only_to_origins_allowed_on_the_key()
    {
        var person = "dr-lee";
        await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, person)));
        using var backend = await BackendClient.CreateAsync(factory, returnOrigins: "https://ehr.example.com");

        (await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { return_url = "https://ehr.example.com/patients/1" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await BackendClient.ProblemAsync(await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { return_url = "https://evil.example.com/" }),
            HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        await BackendClient.ProblemAsync(await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { expires_in = 10 }),
            HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        (await factory.QueryAsync(db => db.Invites.CountAsync())).Should().Be(1, "refused requests make no link");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
