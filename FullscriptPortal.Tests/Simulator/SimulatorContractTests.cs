using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FullscriptPortal.Connect;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The simulator keeps the documented rules of fullscript-api.md, seen from outside over HTTP.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorContractTests(PortalFactory factory) : IAsyncLifetime
{
    private const string ClientId = SimulatorApi.ClientId;
    private const string ClientSecret = SimulatorApi.ClientSecret;

    private string RedirectUri => new Uri(factory.ServerAddress, "/oauth/fullscript/callback").AbsoluteUri;

    private Task<string> ApprovedCodeAsync(PortalSession browser, string? challenge = null) => new SimulatorApi(factory, browser).ApprovedCodeAsync(challenge);

    private static Task<HttpResponseMessage> ExchangeAsync(PortalSession browser, object body) => browser.Http.PostAsJsonAsync("/simulator/api/oauth/token", body);

    private Task<HttpResponseMessage> ClinicAsync(PortalSession browser, string? accessToken) => new SimulatorApi(factory, browser).ClinicAsync(accessToken);

    private static Task ShouldFailAsync(HttpResponseMessage response, HttpStatusCode status, string error) => SimulatorApi.ShouldFailAsync(response, status, error);

    private static string AuthorizeUrl(string clientId, string redirectUri, string state) => SimulatorApi.AuthorizeUrl(clientId, redirectUri, state);

    [Fact]
    public async Task A_code_is_exchanged_for_the_documented_oauth_wrapped_response()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);

        using var response = await ExchangeAsync(browser, new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Request-Id").Single().Should().NotBeNullOrEmpty();
        var oauth = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oauth");
        oauth.GetProperty("token_type").GetString().Should().Be("Bearer");
        oauth.GetProperty("expires_in").GetInt32().Should().Be(7200);
        oauth.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        oauth.GetProperty("refresh_token").GetString().Should().NotBeNullOrEmpty();
        DateTimeOffset.Parse(oauth.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(factory.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
        oauth.GetProperty("resource_owner").GetProperty("id").GetString().Should().Be(DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        oauth.GetProperty("resource_owner").GetProperty("type").GetString().Should().Be("Practitioner");
    }

    [Fact]
    public async Task A_code_works_once()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);
        var body = new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri };

        (await ExchangeAsync(browser, body)).StatusCode.Should().Be(HttpStatusCode.OK);

        await ShouldFailAsync(await ExchangeAsync(browser, body), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_replayed_code_also_ends_the_grant_it_produced()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);
        var body = new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri };
        var accessToken = (await (await ExchangeAsync(browser, body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oauth").GetProperty("access_token").GetString();
        (await ClinicAsync(browser, accessToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await ExchangeAsync(browser, body);

        (await ClinicAsync(browser, accessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_code_older_than_ten_minutes_is_refused()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);

        factory.Time.Advance(TimeSpan.FromMinutes(10));

        await ShouldFailAsync(await ExchangeAsync(browser, new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri }),
            HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task The_exchange_must_repeat_the_exact_redirect_uri()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);

        await ShouldFailAsync(await ExchangeAsync(browser, new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri + "/" }),
            HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_pkce_challenge_needs_the_matching_verifier()
    {
        using var browser = factory.NewSession();
        var verifier = OAuthSecrets.NewRandomValue();
        var code = await ApprovedCodeAsync(browser, OAuthSecrets.CodeChallenge(verifier));
        var body = new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri, code_verifier = "wrong" };

        await ShouldFailAsync(await ExchangeAsync(browser, body), HttpStatusCode.BadRequest, "invalid_grant");
        (await ExchangeAsync(browser, body with { code_verifier = verifier })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_client_credentials_are_invalid_client()
    {
        using var browser = factory.NewSession();
        var code = await ApprovedCodeAsync(browser);

        await ShouldFailAsync(await ExchangeAsync(browser, new { grant_type = "authorization_code", client_id = ClientId, client_secret = "guess", code, redirect_uri = RedirectUri }),
            HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_a_json_object_is_invalid_request(string body)
    {
        using var browser = factory.NewSession();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        await ShouldFailAsync(await browser.Http.PostAsync("/simulator/api/oauth/token", content), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task An_unknown_grant_type_is_unsupported()
    {
        using var browser = factory.NewSession();

        await ShouldFailAsync(await ExchangeAsync(browser, new { grant_type = "password", client_id = ClientId, client_secret = ClientSecret }),
            HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Theory]
    [InlineData("fullscript-portal-dev", "https://elsewhere.example/oauth/fullscript/callback")]
    [InlineData("someone-else", null)]
    public async Task Authorize_answers_404_for_an_unknown_client_or_an_unregistered_redirect(string clientId, string? redirectUri)
    {
        using var browser = factory.NewSession();

        var response = await browser.Http.GetAsync(AuthorizeUrl(clientId, redirectUri ?? RedirectUri, "s"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.Contains("X-Request-Id").Should().BeTrue();
    }

    [Fact]
    public async Task The_clinic_call_needs_a_valid_bearer_token()
    {
        using var browser = factory.NewSession();

        await ShouldFailAsync(await ClinicAsync(browser, null), HttpStatusCode.Unauthorized, "invalid_token");
        await ShouldFailAsync(await ClinicAsync(browser, "made-up"), HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task The_consent_form_without_its_antiforgery_token_is_a_400()
    {
        using var browser = factory.NewSession();

        var response = await browser.Http.PostAsync("/simulator/api/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["decision"] = "approve",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
