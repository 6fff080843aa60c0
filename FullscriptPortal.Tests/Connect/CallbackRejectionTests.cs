using System.Net;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connect;

/// <summary>Every bad way back from Fullscript: a clear message on the dashboard, no connection, no token call, no 500.</summary>
[Collection(SharedPortal.Connect)]
public sealed class CallbackRejectionTests(PortalFactory factory) : IAsyncLifetime
{
    private const string Callback = "/oauth/fullscript/callback";

    [Theory]
    [InlineData("?code=abc", "missingstate")]
    [InlineData("?code=abc&state=", "missingstate")]
    [InlineData("?code=abc&state=Zm9yZ2VkLXN0YXRlLXRoYXQtbmV2ZXItZXhpc3RlZA", "unknownstate")]
    [InlineData("?code=abc&state=a&state=b", "malformed")]
    [InlineData("?error=access_denied", "missingstate")]
    public async Task A_callback_with_a_missing_or_forged_state_changes_nothing(string query, string outcome)
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        (await browser.FollowCallbackAsync(new Uri(browser.Http.BaseAddress!, Callback + query))).PathAndQuery.Should().Be($"/?connect={outcome}");

        await AssertNothingConnectedAsync(browser);
    }

    [Fact]
    public async Task An_oversized_state_or_code_is_refused_without_a_server_error()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        var huge = new string('a', 5000);
        (await browser.FollowCallbackAsync(new Uri(browser.Http.BaseAddress!, $"{Callback}?code=abc&state={huge}"))).PathAndQuery.Should().Be("/?connect=malformed");
        var withState = QueryHelpers.ParseQuery((await browser.StartConnectAsync()).Query)["state"].ToString();
        (await browser.FollowCallbackAsync(new Uri(browser.Http.BaseAddress!, $"{Callback}?code={huge}&state={withState}"))).PathAndQuery.Should().Be("/?connect=malformed");

        await AssertNothingConnectedAsync(browser);
    }

    [Fact]
    public async Task Denying_consent_shows_why_and_connects_nothing()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        var callback = await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.SamFront), approve: false);
        QueryHelpers.ParseQuery(callback.Query)["error"].ToString().Should().Be("access_denied");

        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=denied");
        (await browser.Http.GetStringAsync("/?connect=denied")).Should().Contain("cancelled on Fullscript");
        await AssertNothingConnectedAsync(browser);
    }

    [Fact]
    public async Task Another_provider_error_is_reported_without_repeating_its_text()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);
        var state = QueryHelpers.ParseQuery((await browser.StartConnectAsync()).Query)["state"].ToString();

        var landing = await browser.FollowCallbackAsync(new Uri(browser.Http.BaseAddress!, $"{Callback}?error=%3Cscript%3E&state={state}"));

        landing.PathAndQuery.Should().Be("/?connect=providererror");
        (await browser.Http.GetStringAsync(landing.PathAndQuery)).Should().NotContain("<script>");
        await AssertNothingConnectedAsync(browser);
    }

    [Fact]
    public async Task A_state_older_than_ten_minutes_has_expired()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);
        var callback = await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.SamFront));

        factory.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=expired");
        await AssertNothingConnectedAsync(browser);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused_and_the_code_is_exchanged_once()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrPatel);
        var callback = await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrPatel));

        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        (await browser.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();
        var connected = await factory.ConnectionOfAsync(browser.UserId!);
        var tokenCalls = factory.FullscriptCalls.Count("/oauth/token");

        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=alreadyused");
        (await browser.FinishInCircuitAsync()).Should().BeNull("nothing is left to exchange");

        factory.FullscriptCalls.Count("/oauth/token").Should().Be(tokenCalls);
        (await factory.ConnectionOfAsync(browser.UserId!)).Should().BeEquivalentTo(connected, "the replay changed nothing");
    }

    [Fact]
    public async Task Another_users_state_is_refused_and_stays_usable_by_its_owner()
    {
        using var owner = factory.NewSession();
        await owner.SignInAsync(DemoPeople.DrLee);
        var callback = await owner.DecideOnConsentAsync(await owner.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        using var intruder = factory.NewSession();
        await intruder.SignInAsync(DemoPeople.SamFront);

        (await intruder.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=unknownstate");
        await AssertNothingConnectedAsync(intruder);

        (await owner.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
    }

    [Fact]
    public async Task A_signed_out_browser_is_sent_to_sign_in_first()
    {
        using var browser = factory.NewSession();

        var response = await browser.Http.GetAsync($"{Callback}?code=abc&state=xyz");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/account/signin");
    }

    private async Task AssertNothingConnectedAsync(PortalSession browser)
    {
        (await factory.ConnectionOfAsync(browser.UserId!)).Should().BeNull();
        (await browser.FinishInCircuitAsync()).Should().BeNull("no code was kept for the circuit to exchange");
        var codesKept = await factory.QueryAsync(db => db.PendingAuthorizations.CountAsync(p => p.UserId == browser.UserId && p.CodeProtected != null));
        codesKept.Should().Be(0);
        factory.FullscriptCalls.Count("/oauth/token").Should().Be(0, "the token endpoint was never called (the shared portal starts each test with no calls recorded)");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
