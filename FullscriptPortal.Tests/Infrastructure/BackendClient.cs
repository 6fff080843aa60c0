using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using FullscriptPortal.Api;
using FullscriptPortal.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>The integrating app's backend: an API key made by support, and plain HTTP against <c>/api/v1</c>.</summary>
public sealed class BackendClient(HttpClient http, string key) : IDisposable
{
    public string Key => key;

    public static async Task<BackendClient> CreateAsync(PortalFactory factory, int? clinicId = null, string returnOrigins = "")
    {
        var secret = await NewKeyAsync(factory, clinicId, returnOrigins);
        return new BackendClient(new HttpClient { BaseAddress = factory.ServerAddress }, secret);
    }

    /// <summary>A key made by the demo support user, as on the API keys page.</summary>
    public static async Task<string> NewKeyAsync(PortalFactory factory, int? clinicId = null, string returnOrigins = "")
    {
        var support = await SupportPrincipalAsync(factory);
        var (created, error) = await factory.InScopeAsync<ApiKeys, (NewApiKey?, string?)>(keys =>
            keys.CreateAsync(support, "backend-" + Guid.NewGuid().ToString("N")[..8], clinicId, returnOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), default));
        error.Should().BeNull();
        return created!.Secret;
    }

    public static async Task<ClaimsPrincipal> SupportPrincipalAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(DemoPeople.Support);
        return await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? withKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", withKey ?? key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    public Task<HttpResponseMessage> DeleteAsync(string path, object? body = null) => SendAsync(HttpMethod.Delete, path, body);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts an RFC 9457 problem with the given status and stable type; returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await JsonAsync(response);
        body.GetProperty("type").GetString().Should().Be(ApiProblems.TypeBase + type);
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        return body;
    }

    public void Dispose() => http.Dispose();
}
