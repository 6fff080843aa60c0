using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The simulator's settings (token lifetime, rate limit): each test starts a portal configured for it.</summary>
public sealed class SimulatorSettingsTests : IDisposable
{
    private readonly PortalFactory _factory = new();
    private PortalSession? _browser;

    private SimulatorApi Api => new(_factory, _browser ??= _factory.NewSession());

    [Fact]
    public async Task The_access_token_lifetime_is_configurable()
    {
        _factory.Settings["Simulator:AccessTokenLifetime"] = "00:02:00";

        var response = await Api.ExchangeAsync(await Api.ApprovedCodeAsync());

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oauth").GetProperty("expires_in").GetInt32().Should().Be(120);
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_get_429_with_retry_after()
    {
        _factory.Settings["Simulator:RateLimit"] = "3";
        var (access, _) = await Api.NewGrantAsync(); // one token call

        (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.OK);
        var limited = await Api.ClinicAsync(access);

        await SimulatorApi.ShouldFailAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));

        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        (await Api.ClinicAsync(access)).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "the window rolled on");
    }

    public void Dispose()
    {
        _browser?.Dispose();
        _factory.Dispose();
    }
}
