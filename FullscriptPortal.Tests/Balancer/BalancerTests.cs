using System.Net;
using FullscriptPortal.Balancer;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Balancer;

/// <summary>The balancer mode in front of two portal instances (one database): sticky by cookie, the client's host kept
/// for the portal, and an instance that goes away replaced by the other.</summary>
public sealed class BalancerTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory _first = new();
    private PortalFactory _second = null!;
    private WebApplication? _balancer;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _second = PortalFactory.SecondInstanceOf(_first);
        _balancer = LoadBalancer.Build(
            ["--urls", "http://127.0.0.1:0", "--Balancer:ShowDestination=true", "--Balancer:HealthCheckInterval=00:00:01",
             $"--Balancer:Destinations:0={_first.ServerAddress}", $"--Balancer:Destinations:1={_second.ServerAddress}"], out var problem)
            ?? throw new InvalidOperationException(problem);
        await _balancer.StartAsync();
        _address = new Uri(_balancer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    [Fact]
    public async Task New_visitors_are_spread_and_each_stays_on_the_instance_its_cookie_names()
    {
        var landed = new List<string>();
        for (var visitor = 0; visitor < 4; visitor++)
        {
            using var http = NewBrowser();
            var first = await DestinationOfAsync(http);
            landed.Add(first);
            for (var i = 0; i < 5; i++) (await DestinationOfAsync(http)).Should().Be(first, "the affinity cookie keeps the visitor on its instance");
        }

        landed.Should().Contain(["portal-1", "portal-2"], "new visitors are spread across the instances");
    }

    [Fact]
    public async Task The_oauth_round_trip_through_the_balancer_uses_the_browser_s_host()
    {
        // The callback the simulator returns to must be the one the portal sent, on the host the browser used: the portal
        // builds it from the Host header the balancer keeps.
        var authorize = await ProcessBrowser.ConnectAsync(_address, DemoPeople.DrLee);

        System.Web.HttpUtility.ParseQueryString(authorize.Query)["redirect_uri"].Should().Be(new Uri(_address, "/oauth/fullscript/callback").AbsoluteUri);

        var pending = await _first.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PendingAuthorizations));
        pending.CodeProtected.Should().NotBeNull("the callback reached the portal with its code");
    }

    [Fact]
    public async Task A_visitor_whose_instance_went_away_is_served_by_the_other()
    {
        using var http = await VisitorOnAsync("portal-2");

        _second.Dispose();

        string? now = null;
        for (var i = 0; i < 100 && now != "portal-1"; i++)
        {
            using var response = await http.GetAsync("/health");
            now = response.StatusCode == HttpStatusCode.OK ? response.Headers.GetValues(LoadBalancer.DestinationHeader).Single() : null;
            if (now != "portal-1") await Task.Delay(100);
        }
        now.Should().Be("portal-1", "the balancer sends the visitor to the instance still running");
    }

    [Theory]
    [InlineData(new string[0], "Balancer:Destinations is empty")]
    [InlineData(new[] { "--Balancer:Destinations:0=ftp://x" }, "Balancer:Destinations:0 ('ftp://x') is not an http or https address")]
    [InlineData(new[] { "--Balancer:Destinations:0=http://127.0.0.1:1", "--Balancer:HealthCheckInterval=00:00:00" }, "Balancer:HealthCheckInterval must be positive")]
    public void Wrong_settings_stop_the_balancer_with_the_setting_to_fix(string[] args, string problem)
    {
        LoadBalancer.Build(args, out var reason).Should().BeNull();
        reason.Should().StartWith(problem);
    }

    private HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _address };

    private static async Task<string> DestinationOfAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health");
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(LoadBalancer.DestinationHeader).Single();
    }

    /// <summary>A new visitor the balancer placed on <paramref name="destination"/> (new visitors are spread round robin).</summary>
    private async Task<HttpClient> VisitorOnAsync(string destination)
    {
        for (var i = 0; i < 10; i++)
        {
            var http = NewBrowser();
            if (await DestinationOfAsync(http) == destination) return http;
            http.Dispose();
        }
        throw new InvalidOperationException($"The balancer never placed a new visitor on {destination}.");
    }

    public async Task DisposeAsync()
    {
        if (_balancer is not null) await _balancer.DisposeAsync();
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
