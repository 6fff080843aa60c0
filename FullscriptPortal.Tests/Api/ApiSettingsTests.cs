using System.Net;
using FullscriptPortal.Api;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Api;

/// <summary>API behaviour that depends on settings, so each test has a portal of its own.</summary>
public sealed class ApiSettingsTests : IDisposable
{
    private readonly PortalFactory _factory = new();

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

    public void Dispose() => _factory.Dispose();
}
