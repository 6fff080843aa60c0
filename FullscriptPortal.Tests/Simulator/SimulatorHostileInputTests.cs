using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>Hostile input at the simulator's browser-facing and API endpoints (authorize, consent, clinic, revoke,
/// unknown paths): duplicated, oversized, non-UTF-8 and control-character values each get the answer named here, never
/// a 500, and none of them issues a code or a grant.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorHostileInputTests(PortalFactory factory) : IAsyncLifetime
{
    private const string Authorize = "/simulator/api/oauth/authorize";

    public static TheoryData<string> Cases => [.. HostileCase.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_a_clear_answer_and_changes_nothing(string name)
    {
        using var browser = factory.NewSession();
        var redirectUri = new Uri(factory.ServerAddress, "/oauth/fullscript/callback").AbsoluteUri;
        var consent = await browser.Http.GetStringAsync(SimulatorApi.AuthorizeUrl(SimulatorApi.ClientId, redirectUri, "s"));
        var context = new HostileCase.Context(redirectUri, PortalSession.HiddenField(consent, "__RequestVerificationToken"));
        var (build, expected) = HostileCase.All[name];

        using var response = await browser.Http.SendAsync(build(context));

        ((int)response.StatusCode).Should().Be(expected, name);
        if (response.StatusCode == HttpStatusCode.Redirect)
            response.Headers.Location!.ToString().Should().StartWith(redirectUri + "?error=");
        await using var scope = factory.Services.CreateAsyncScope();
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
        (await simulator.Codes.CountAsync()).Should().Be(0);
        (await simulator.Grants.CountAsync()).Should().Be(0);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static class HostileCase
    {
        public sealed record Context(string RedirectUri, string Antiforgery);

        private static string Query(Context c, string extra) =>
            $"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri={Uri.EscapeDataString(c.RedirectUri)}&response_type=code{extra}";

        private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

        private static HttpRequestMessage Consent(string body, string contentType = "application/x-www-form-urlencoded") =>
            Consent(Encoding.UTF8.GetBytes(body), contentType);

        private static HttpRequestMessage Consent(byte[] body, string contentType = "application/x-www-form-urlencoded")
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return new HttpRequestMessage(HttpMethod.Post, Authorize) { Content = content };
        }

        private static string Form(Context c, string extra) =>
            $"__RequestVerificationToken={Uri.EscapeDataString(c.Antiforgery)}&client_id={SimulatorApi.ClientId}" +
            $"&redirect_uri={Uri.EscapeDataString(c.RedirectUri)}&state=s{extra}";

        private static HttpRequestMessage Bearer(string path, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            return request;
        }

        public static readonly Dictionary<string, (Func<Context, HttpRequestMessage> Build, int Status)> All = new()
        {
            ["authorize: client_id twice"] = (c => Get(Query(c, "&client_id=other")), 400),
            ["authorize: redirect_uri twice"] = (c => Get(Query(c, "&redirect_uri=https%3A%2F%2Fevil.example%2F")), 400),
            ["authorize: state twice"] = (c => Get(Query(c, "&state=a&state=b")), 302),
            ["authorize: response_type twice"] = (c => Get(Query(c, "&response_type=token&state=a")), 302),
            ["authorize: response_type token"] = (c => Get($"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri={Uri.EscapeDataString(c.RedirectUri)}&response_type=token"), 302),
            ["authorize: no response_type"] = (c => Get($"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri={Uri.EscapeDataString(c.RedirectUri)}"), 302),
            ["authorize: plain pkce method"] = (c => Get(Query(c, "&state=a&code_challenge=abc&code_challenge_method=plain")), 302),
            ["authorize: control characters in state"] = (c => Get(Query(c, "&state=%00%0D%0ALocation:%20https://evil.example")), 200),
            ["authorize: non-UTF-8 state"] = (c => Get(Query(c, "&state=%FF%FE%C3")), 200),
            ["authorize: markup in state"] = (c => Get(Query(c, "&state=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")), 200),
            ["authorize: long state"] = (c => Get(Query(c, "&state=" + new string('s', 6000))), 200),
            ["authorize: oversized query"] = (c => Get(Query(c, "&state=" + new string('s', 20_000))), 414),
            ["authorize: non-UTF-8 redirect_uri"] = (c => Get($"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri=%FF%FE&response_type=code"), 404),
            ["authorize: header injection in redirect_uri"] = (c => Get($"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri={Uri.EscapeDataString(c.RedirectUri + "\r\nSet-Cookie: x=1")}&response_type=code"), 404),
            ["authorize: non-ASCII client_id"] = (c => Get($"{Authorize}?client_id=%C3%A9t%C3%A9&redirect_uri={Uri.EscapeDataString(c.RedirectUri)}&response_type=code"), 404),
            ["authorize: nothing"] = (_ => Get(Authorize), 404),
            ["consent: no antiforgery token"] = (c => Consent($"client_id={SimulatorApi.ClientId}&decision=approve&user_id=x"), 400),
            ["consent: json body"] = (c => Consent("{\"decision\":\"approve\"}", "application/json"), 400),
            ["consent: client_id twice"] = (c => Consent(Form(c, "&client_id=other&decision=approve&user_id=x")), 404),
            ["consent: unknown user"] = (c => Consent(Form(c, "&decision=approve&user_id=nobody")), 400),
            ["consent: user twice"] = (c => Consent(Form(c, "&decision=approve&user_id=a&user_id=b")), 400),
            ["consent: decision twice"] = (c => Consent(Form(c, "&decision=approve&decision=deny")), 302),
            ["consent: control characters in state"] = (c => Consent(Form(c, "%0D%0A%00&decision=deny")), 400),
            ["consent: non-UTF-8 bytes"] = (c => Consent([.. Encoding.UTF8.GetBytes(Form(c, "&decision=approve&user_id=")), 0xFF, 0xFE, 0xC3]), 400),
            ["consent: oversized value"] = (c => Consent(Form(c, "&decision=deny&pad=" + new string('p', 5 * 1024 * 1024))), 400),
            ["consent: too many fields"] = (c => Consent(Form(c, string.Concat(Enumerable.Range(0, 2000).Select(i => $"&f{i}=1")))), 400),
            ["consent: oversized key"] = (c => Consent(Form(c, "&" + new string('k', 5000) + "=1")), 400),
            ["consent: broken multipart"] = (c => Consent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n", "multipart/form-data; boundary=x"), 400),
            ["clinic: no bearer"] = (_ => Get("/simulator/api/clinic"), 401),
            ["clinic: oversized bearer"] = (_ => Bearer("/simulator/api/clinic", new string('t', 20_000)), 401),
            ["clinic: bearer with markup"] = (_ => Bearer("/simulator/api/clinic", "<script>"), 401),
            ["patients: bad page numbers, bad token"] = (_ => Bearer("/simulator/api/clinic/patients?page[number]=-1&page[size]=abc&page[size]=2", "t"), 401),
            ["api: unknown non-UTF-8 path"] = (_ => Get("/simulator/api/%FF%FE"), 404),
            ["revoke: no body"] = (_ => new HttpRequestMessage(HttpMethod.Post, "/simulator/api/oauth/revoke"), 400),
        };
    }
}
