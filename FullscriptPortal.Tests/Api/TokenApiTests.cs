using System.Net;
using FullscriptPortal.Api;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Api;

/// <summary>The token endpoint when things go wrong: a dead grant, Fullscript down, too many calls, a crowd of callers.
/// Each test has its own portal: they move its clock and break its Fullscript.</summary>
public sealed class TokenApiTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    /// <summary>Dr. Lee, connected in the demo clinic, given an external id by the backend.</summary>
    private async Task<(BackendClient Backend, string Person)> ConnectedDrLeeAsync()
    {
        using (var browser = _factory.NewSession()) await browser.ConnectAsync(DemoPeople.DrLee);
        var person = "dr-lee";
        await _factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, person)));
        return (await BackendClient.CreateAsync(_factory), person);
    }

    private static string TokenPath(string person) => $"/api/v1/users/{person}/connection/access-token";

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_answers_409_with_a_connect_link()
    {
        var (backend, person) = await ConnectedDrLeeAsync();
        await _factory.RevokeInsideFullscriptAsync();
        _factory.Time.Advance(TimeSpan.FromHours(2));

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
        _factory.Time.Advance(TimeSpan.FromHours(2));
        _factory.Faults().FailNextTokenCalls(10, 503);

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
        _factory.Time.Advance(TimeSpan.FromHours(2));
        var before = _factory.FullscriptCalls.Count("/oauth/token");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => backend.PostAsync(TokenPath(person))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        _factory.FullscriptCalls.Count("/oauth/token").Should().Be(before + 1);
        var tokens = await Task.WhenAll(responses.Select(async r => (await BackendClient.JsonAsync(r)).GetProperty("access_token").GetString()));
        tokens.Distinct().Should().ContainSingle();
        backend.Dispose();
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after_while_another_key_goes_on()
    {
        _factory.Settings["Api:RateLimit"] = "3";
        _factory.Settings["Api:RateLimitWindow"] = "00:01:00";
        using var busy = await BackendClient.CreateAsync(_factory);
        using var other = await BackendClient.CreateAsync(_factory);

        for (var i = 0; i < 3; i++) (await busy.GetAsync("/api/v1/connections")).StatusCode.Should().Be(HttpStatusCode.OK);
        var limited = await busy.GetAsync("/api/v1/connections");

        await BackendClient.ProblemAsync(limited, HttpStatusCode.TooManyRequests, ApiProblems.RateLimitedType);
        limited.Headers.Contains("Retry-After").Should().BeTrue();
        (await other.GetAsync("/api/v1/connections")).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per key");
    }

    [Fact]
    public async Task Connect_links_return_only_to_origins_allowed_on_the_key()
    {
        var person = "dr-lee";
        await _factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, person)));
        using var backend = await BackendClient.CreateAsync(_factory, returnOrigins: "https://ehr.example.com");

        (await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { return_url = "https://ehr.example.com/patients/1" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await BackendClient.ProblemAsync(await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { return_url = "https://evil.example.com/" }),
            HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        await BackendClient.ProblemAsync(await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { expires_in = 10 }),
            HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        (await _factory.QueryAsync(db => db.Invites.CountAsync())).Should().Be(1, "refused requests make no link");
    }

    public void Dispose() => _factory.Dispose();
}
