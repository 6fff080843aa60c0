using System.Net;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The simulator's control levers answer scripts and its own pages, never a page of another site: a cross-site
/// form can post without a body, so a JSON-only rule does not stop the revoke.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorControlCrossSiteTests(PortalFactory factory) : IAsyncLifetime
{
    private PortalSession? _browser;

    private SimulatorApi Api => new(factory, _browser ??= factory.NewSession());

    [Theory]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    [InlineData("null", null)]
    public async Task A_request_from_another_site_is_forbidden_and_revokes_nothing(string? origin, string? fetchSite)
    {
        await Api.NewGrantAsync();
        var grant = (await factory.SimulatorGrantsAsync()).Single();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/simulator/control/grants/{grant.Id}/revoke");
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);

        var response = await _browser!.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.SimulatorGrantsAsync()).Single().RevokedBecause.Should().BeNull();
    }

    [Fact]
    public async Task A_same_origin_request_still_revokes()
    {
        await Api.NewGrantAsync();
        var grant = (await factory.SimulatorGrantsAsync()).Single();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/simulator/control/grants/{grant.Id}/revoke");
        request.Headers.Add("Origin", factory.ServerAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        (await _browser!.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await factory.SimulatorGrantsAsync()).Single().RevokedBecause.Should().NotBeNull();
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync()
    {
        _browser?.Dispose();
        return Task.CompletedTask;
    }
}
