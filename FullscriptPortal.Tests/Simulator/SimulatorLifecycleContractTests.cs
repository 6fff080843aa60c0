using System.Net;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>Refresh with rotation, revoke, faults and limits: one test per documented rule of fullscript-api.md §3–§6.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorLifecycleContractTests(PortalFactory factory) : IAsyncLifetime
{
    private PortalSession? _browser;

    private SimulatorApi Api => new(factory, _browser ??= factory.NewSession());

    [Fact]
    public async Task A_refresh_issues_a_new_pair_with_a_new_refresh_token()
    {
        var (access, refresh) = await Api.NewGrantAsync();

        var (newAccess, newRefresh) = await SimulatorApi.PairOfAsync(await Api.RefreshAsync(refresh));

        newAccess.Should().NotBe(access);
        newRefresh.Should().NotBe(refresh);
        (await Api.ClinicAsync(newAccess)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_used_refresh_token_stays_valid_until_the_new_access_token_is_first_used()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        var (newAccess, _) = await SimulatorApi.PairOfAsync(await Api.RefreshAsync(refresh));

        // The answer was "lost": the old refresh token still works while the new access token is unused.
        var (retriedAccess, _) = await SimulatorApi.PairOfAsync(await Api.RefreshAsync(refresh));
        retriedAccess.Should().NotBe(newAccess);

        (await Api.ClinicAsync(retriedAccess)).StatusCode.Should().Be(HttpStatusCode.OK);

        await SimulatorApi.ShouldFailAsync(await Api.RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task The_newest_refresh_token_keeps_working_across_rotations()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        for (var i = 0; i < 3; i++)
        {
            var (access, next) = await SimulatorApi.PairOfAsync(await Api.RefreshAsync(refresh));
            (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.OK);
            await SimulatorApi.ShouldFailAsync(await Api.RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant");
            refresh = next;
        }
    }

    [Fact]
    public async Task Access_tokens_expire_after_their_lifetime()
    {
        var (access, _) = await Api.NewGrantAsync();

        factory.Time.Advance(TimeSpan.FromHours(2));

        (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Revoking_either_token_ends_the_whole_grant(bool withRefreshToken)
    {
        var (access, refresh) = await Api.NewGrantAsync();

        var response = await Api.RevokeAsync(withRefreshToken ? refresh : access);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
        response.Headers.Contains("X-Request-Id").Should().BeTrue();
        (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await SimulatorApi.ShouldFailAsync(await Api.RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_answered_like_a_known_one() =>
        (await Api.RevokeAsync("never-issued")).StatusCode.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task Revoking_needs_the_apps_credentials()
    {
        var (access, refresh) = await Api.NewGrantAsync();

        await SimulatorApi.ShouldFailAsync(await Api.RevokeAsync(refresh, clientSecret: "guess"), HttpStatusCode.Unauthorized, "invalid_client");
        (await Api.ClinicAsync(access)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_grant_revoked_inside_fullscript_refuses_its_refresh_token()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        var grant = (await factory.SimulatorGrantsAsync()).Single();

        (await Api.ControlAsync(HttpMethod.Post, $"/simulator/control/grants/{grant.Id}/revoke")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await SimulatorApi.ShouldFailAsync(await Api.RefreshAsync(refresh), HttpStatusCode.BadRequest, "invalid_grant");
        (await factory.SimulatorGrantsAsync()).Single().RevokedBecause.Should().Contain("inside Fullscript");
    }

    [Fact]
    public async Task Injected_server_errors_fail_the_next_calls_then_stop()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        (await Api.ControlAsync(HttpMethod.Put, "/simulator/control/faults", new { failNextTokenCalls = 2, failStatus = 500 })).EnsureSuccessStatusCode();

        (await Api.RefreshAsync(refresh)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await Api.RefreshAsync(refresh)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await Api.RefreshAsync(refresh)).StatusCode.Should().Be(HttpStatusCode.OK, "the refresh token survived the failed calls");
    }

    [Fact]
    public async Task An_injected_429_carries_retry_after()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        factory.Faults().ThrottleNextTokenCalls(1, retryAfterSeconds: 42);

        var response = await Api.RefreshAsync(refresh);

        await SimulatorApi.ShouldFailAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task A_dropped_response_still_issued_the_tokens()
    {
        var (_, refresh) = await Api.NewGrantAsync();
        factory.Faults().DropNextTokenResponses(1);

        var lost = async () => await Api.RefreshAsync(refresh);

        await lost.Should().ThrowAsync<HttpRequestException>();
        (await factory.SimulatorGrantsAsync()).Single().Tokens.Should().Contain(t => t.Kind == SimTokenKind.Access && t.Status == "valid, unused")
            .And.HaveCount(4, "the first pair and the one whose answer was lost");
        (await Api.RefreshAsync(refresh)).StatusCode.Should().Be(HttpStatusCode.OK, "the old refresh token still works");
    }

    [Fact]
    public async Task Added_latency_slows_every_answer()
    {
        // Warmed up and compared within this run, so neither a cold start nor a slow machine can pass or fail it alone.
        var endpoints = new Func<Task<HttpResponseMessage>>[]
        {
            () => Api.ClinicAsync("anything"),
            () => Api.PostTokenAsync(new { grant_type = "password" }),
            () => Api.RevokeAsync("anything"),
        };
        foreach (var call in endpoints)
        {
            var without = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++) without = Min(without, await TimeAsync(call));
            factory.Faults().Latency = TimeSpan.FromMilliseconds(300);

            var with = await TimeAsync(call);

            factory.Faults().Latency = TimeSpan.Zero;
            (with - without).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280), "the answer waits the added 300 ms on top of its usual {0}", without);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await call();
        return watch.Elapsed;
    }

    [Fact]
    public async Task The_fault_controls_refuse_nonsense()
    {
        var response = await Api.ControlAsync(HttpMethod.Put, "/simulator/control/faults", new { failStatus = 200 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("5xx");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync()
    {
        _browser?.Dispose();
        return Task.CompletedTask;
    }
}
