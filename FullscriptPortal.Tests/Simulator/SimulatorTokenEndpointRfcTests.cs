using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>Where fullscript-api.md documents nothing, the token endpoint follows RFC 6749: answers are never cached,
/// a failed client authentication names its scheme, a malformed request is <c>invalid_request</c>, and an oversized body
/// is a 413, never a 500.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorTokenEndpointRfcTests(PortalFactory factory) : IAsyncLifetime
{
    private const string TokenPath = "/simulator/api/oauth/token";
    private const string RevokePath = "/simulator/api/oauth/revoke";
    private static readonly string _credentials = $"\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{SimulatorApi.ClientSecret}\"";

    private PortalSession? _browser;

    private PortalSession Browser => _browser ??= factory.NewSession();

    private SimulatorApi Api => new(factory, Browser);

    [Fact]
    public async Task Every_token_answer_says_no_store_success_and_errors_alike()
    {
        var code = await Api.ApprovedCodeAsync();
        var answers = new List<HttpResponseMessage>
        {
            await Api.ExchangeAsync(code),
            await Api.ExchangeAsync(code), // replayed: invalid_grant
            await Api.PostTokenAsync(new { grant_type = "refresh_token", client_id = SimulatorApi.ClientId, client_secret = "guess" }),
            await PostRawAsync(TokenPath, "not json"),
            await PostRawAsync(TokenPath, new string(' ', 20 * 1024)),
        };
        (await Api.ControlAsync(HttpMethod.Put, "/simulator/control/faults", new { failNextTokenCalls = 1, failStatus = 503 })).EnsureSuccessStatusCode();
        answers.Add(await Api.RefreshAsync("r"));

        answers.Select(a => (int)a.StatusCode).Should().Equal(200, 400, 401, 400, 413, 503);
        answers.Should().AllSatisfy(answer =>
        {
            answer.Headers.CacheControl!.NoStore.Should().BeTrue();
            answer.Headers.Pragma.Should().ContainSingle(p => p.Name == "no-cache");
        });
    }

    [Fact]
    public async Task A_failed_client_authentication_is_a_401_with_a_www_authenticate_challenge()
    {
        var token = await Api.PostTokenAsync(new { grant_type = "refresh_token", client_id = SimulatorApi.ClientId, client_secret = "guess", refresh_token = "r" });
        var revoke = await Api.RevokeAsync("t", clientSecret: "guess");

        foreach (var answer in new[] { token, revoke })
        {
            await SimulatorApi.ShouldFailAsync(answer, HttpStatusCode.Unauthorized, "invalid_client");
            answer.Headers.WwwAuthenticate.Should().ContainSingle(c => c.Scheme == "Basic");
        }
    }

    [Fact]
    public async Task A_bad_bearer_token_is_a_401_with_a_bearer_challenge()
    {
        var answer = await Api.ClinicAsync("made-up");

        await SimulatorApi.ShouldFailAsync(answer, HttpStatusCode.Unauthorized, "invalid_token");
        answer.Headers.WwwAuthenticate.Should().ContainSingle(c => c.Scheme == "Bearer" && c.Parameter!.Contains("invalid_token"));
    }

    [Fact]
    public async Task A_missing_grant_type_is_invalid_request()
    {
        await SimulatorApi.ShouldFailAsync(await Api.PostTokenAsync(new { client_id = SimulatorApi.ClientId, client_secret = SimulatorApi.ClientSecret, refresh_token = "r" }),
            HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData(TokenPath, "{\"grant_type\":\"refresh_token\",\"grant_type\":\"authorization_code\"," + "CREDENTIALS" + ",\"refresh_token\":\"r\"}")]
    [InlineData(TokenPath, "{\"grant_type\":\"refresh_token\"," + "CREDENTIALS" + ",\"refresh_token\":\"r\",\"refresh_token\":\"s\"}")]
    [InlineData(RevokePath, "{" + "CREDENTIALS" + ",\"token\":\"a\",\"token\":\"b\"}")]
    [InlineData(TokenPath, "{\"grant_type\":7," + "CREDENTIALS" + "}")]
    public async Task A_parameter_sent_twice_or_of_the_wrong_kind_is_invalid_request(string path, string body)
    {
        await SimulatorApi.ShouldFailAsync(await PostRawAsync(path, body.Replace("CREDENTIALS", _credentials, StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData(TokenPath, true)]
    [InlineData(TokenPath, false)]
    [InlineData(RevokePath, true)]
    [InlineData(RevokePath, false)]
    public async Task An_oversized_body_is_a_413_whether_its_length_is_announced_or_streamed(string path, bool announced)
    {
        var json = "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + new string('r', 1024 * 1024) + "\"}";
        HttpContent content = announced ? new StringContent(json, Encoding.UTF8, "application/json") : new ChunkedJsonContent(json);

        var answer = await Browser.Http.PostAsync(path, content);

        await SimulatorApi.ShouldFailAsync(answer, HttpStatusCode.RequestEntityTooLarge, "invalid_request");
    }

    [Fact]
    public async Task A_form_or_other_non_json_body_is_invalid_request()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = SimulatorApi.ClientId,
            ["client_secret"] = SimulatorApi.ClientSecret,
            ["refresh_token"] = "r",
        });

        await SimulatorApi.ShouldFailAsync(await Browser.Http.PostAsync(TokenPath, form), HttpStatusCode.BadRequest, "invalid_request");
        await SimulatorApi.ShouldFailAsync(await Browser.Http.PostAsync(TokenPath, new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData(TokenPath)]
    [InlineData(RevokePath)]
    public async Task Bytes_that_are_not_utf8_are_invalid_request(string path)
    {
        // Bytes 0xFF where each endpoint reads its token: never valid in UTF-8.
        var bytes = Encoding.UTF8.GetBytes("{\"grant_type\":\"refresh_token\"," + _credentials + ",\"token\":\"X\",\"refresh_token\":\"X\"}")
            .Select(b => b == (byte)'X' ? (byte)0xFF : b).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await SimulatorApi.ShouldFailAsync(await Browser.Http.PostAsync(path, content), HttpStatusCode.BadRequest, "invalid_request");
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        await Browser.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync()
    {
        _browser?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A body sent in chunks with no Content-Length, so the size is only known by reading it.</summary>
    private sealed class ChunkedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
