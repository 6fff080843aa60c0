using System.Net.Http.Json;
using System.Text.Json;
using FullscriptPortal.Simulator;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Talks to the simulator as a Fullscript client would, for contract tests.</summary>
public sealed class SimulatorApi(PortalFactory factory, PortalSession browser)
{
    public const string ClientId = SimulatorOptions.DefaultClientId;
    public const string ClientSecret = SimulatorOptions.DefaultClientSecret;

    public string RedirectUri => new Uri(factory.ServerAddress, "/oauth/fullscript/callback").AbsoluteUri;

    public static string AuthorizeUrl(string clientId, string redirectUri, string state, string? challenge = null)
    {
        var query = new Dictionary<string, string?> { ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["state"] = state };
        if (challenge is not null) (query["code_challenge"], query["code_challenge_method"]) = (challenge, "S256");
        return QueryHelpers.AddQueryString("/simulator/api/oauth/authorize", query);
    }

    /// <summary>Approves on the consent page as <paramref name="email"/>'s Fullscript user and returns the code.</summary>
    public async Task<string> ApprovedCodeAsync(string? challenge = null, string email = DemoPeople.DrLee)
    {
        var callback = await browser.DecideOnConsentAsync(new Uri(factory.ServerAddress, AuthorizeUrl(ClientId, RedirectUri, "state-1", challenge)),
            DemoPeople.FullscriptIdOf(email));
        var query = QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().Should().Be("state-1", "state comes back unchanged");
        return query["code"].ToString();
    }

    public Task<HttpResponseMessage> PostTokenAsync(object body) => browser.Http.PostAsJsonAsync("/simulator/api/oauth/token", body);

    public Task<HttpResponseMessage> ExchangeAsync(string code) =>
        PostTokenAsync(new { grant_type = "authorization_code", client_id = ClientId, client_secret = ClientSecret, code, redirect_uri = RedirectUri });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        PostTokenAsync(new { grant_type = "refresh_token", client_id = ClientId, client_secret = ClientSecret, refresh_token = refreshToken });

    public Task<HttpResponseMessage> RevokeAsync(string token, string clientSecret = ClientSecret) =>
        browser.Http.PostAsJsonAsync("/simulator/api/oauth/revoke", new { client_id = ClientId, client_secret = clientSecret, token });

    public Task<HttpResponseMessage> ClinicAsync(string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/clinic");
        if (accessToken is not null) request.Headers.Authorization = new("Bearer", accessToken);
        return browser.Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, object? body = null) =>
        browser.Http.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    /// <summary>A fresh grant: (access token, refresh token).</summary>
    public async Task<(string Access, string Refresh)> NewGrantAsync(string email = DemoPeople.DrLee) =>
        await PairOfAsync(await ExchangeAsync(await ApprovedCodeAsync(email: email)));

    public static async Task<(string Access, string Refresh)> PairOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var oauth = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oauth");
        return (oauth.GetProperty("access_token").GetString()!, oauth.GetProperty("refresh_token").GetString()!);
    }

    public static async Task ShouldFailAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string error)
    {
        response.StatusCode.Should().Be(status);
        response.Headers.Contains("X-Request-Id").Should().BeTrue();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be(error);
    }
}
