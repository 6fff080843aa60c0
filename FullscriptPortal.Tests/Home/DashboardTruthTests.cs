using Bunit;
using Bunit.TestDoubles;
using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Home;

/// <summary>The dashboard with the app's own services: what it says stays true as the connection changes elsewhere.</summary>
[Collection(SharedPortal.Pages)]
public sealed class DashboardTruthTests : PageTestContext
{
    public DashboardTruthTests(PortalFactory portal) : base(portal) =>
        // The page reads the portal's clock, as it does in the app, so "in the last hour" means the portal's hour.
        Services.AddSingleton<TimeProvider>(portal.Time);

    private static readonly TimeSpan Live = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Fullscript = TimeSpan.FromSeconds(15);

    private static string StateOf(IRenderedComponent<HomePage> home) =>
        home.Find("[data-testid=connection-card]").GetAttribute("data-state")!;

    private async Task<PortalSession> ConnectedLeeAsync()
    {
        var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        return lee;
    }

    private async Task ManagerDisconnectsAsync(string userId)
    {
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var principal = await manager.PrincipalAsync();
        (await Portal.InScopeAsync<ConnectionDirectory, DisconnectOutcome>(d => d.DisconnectAsync(principal, userId))).Result
            .Should().Be(DisconnectResult.Disconnected);
    }

    [Fact]
    public async Task A_refresh_banner_goes_when_a_manager_disconnects_the_person_meanwhile()
    {
        using var lee = await ConnectedLeeAsync();
        await SignInAsAsync(lee);
        var home = Render<HomePage>();
        home.WaitForAssertion(() => StateOf(home).Should().Be("Active"));

        await home.InvokeAsync(() => home.Find("[data-testid=refresh-button]").ClickAsync(new()));
        home.WaitForAssertion(() => home.Find("[data-testid=action-result]").TextContent.Should().Contain("Fullscript confirmed the connection works"), Fullscript);

        await ManagerDisconnectsAsync(lee.UserId!);

        home.WaitForAssertion(() => home.Find("[data-testid=state-chip]").TextContent.Should().Contain("Disconnected"), Live);
        home.FindAll("[data-testid=action-result]").Should().BeEmpty("the banner spoke of a refresh, not of the state the card shows now");
        home.Find("[data-testid=state-sentence]").TextContent.Should().Contain("Disconnected by clinic manager Morgan Manager");
    }

    [Fact]
    public async Task A_not_answering_warning_goes_once_the_connection_recovers()
    {
        using var lee = await ConnectedLeeAsync();
        var id = (await Portal.ConnectionOfAsync(lee.UserId!))!.Id;
        await SignInAsAsync(lee);
        var home = Render<HomePage>();
        home.WaitForAssertion(() => StateOf(home).Should().Be("Active"));
        Portal.Faults().FailNextTokenCalls(50, 503);

        await home.InvokeAsync(() => home.Find("[data-testid=refresh-button]").ClickAsync(new()));
        home.WaitForAssertion(() => home.Find("[data-testid=action-result]").TextContent.Should().Contain("not answering"), Fullscript);
        StateOf(home).Should().Be("RefreshFailing");

        // Fullscript answers again; the portal's next refresh (here the worker's) succeeds.
        Portal.Faults().Clear();
        Portal.Time.Advance(TimeSpan.FromMinutes(30));
        (await Portal.InScopeAsync<ConnectionTokens, RefreshOutcome>(t => t.RefreshAsync(id, AuditActions.System, force: true, CancellationToken.None)))
            .Result.Should().Be(RefreshResult.Refreshed);

        home.WaitForAssertion(() => StateOf(home).Should().Be("Active"), Live);
        home.FindAll("[data-testid=action-result]").Should().BeEmpty();
    }

    [Fact]
    public async Task While_the_code_is_exchanged_the_card_shows_it_is_finishing_and_offers_no_connect()
    {
        using var lee = Portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var callback = await lee.DecideOnConsentAsync(await lee.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        (await lee.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        Portal.Faults().Latency = TimeSpan.FromSeconds(1); // Fullscript takes a moment to exchange the code
        await SignInAsAsync(lee);
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/?connect=codereceived");

        var home = Render<HomePage>();

        home.Find("[data-testid=finishing]").TextContent.Should().Contain("Finishing the Fullscript connection");
        StateOf(home).Should().Be("Finishing");
        home.Find("[data-testid=state-chip]").TextContent.Should().NotContain("Not connected");
        home.Find("[data-testid=connect-button]").HasAttribute("disabled").Should().BeTrue();
        home.WaitForAssertion(() => StateOf(home).Should().Be("Active"), Fullscript);
        home.FindAll("[data-testid=finishing]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_manager_who_connected_someone_reads_that_persons_name_not_your_account()
    {
        using var sam = Portal.NewSession();
        await sam.SignInAsync(DemoPeople.SamFront);
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var start = manager.LocationOf(await manager.Http.GetAsync($"/connect/fullscript?for={sam.UserId}&returnUrl=%2Fclinic"));
        var callback = await manager.DecideOnConsentAsync(start, DemoPeople.FullscriptIdOf(DemoPeople.SamFront));
        var landing = await manager.FollowCallbackAsync(callback);
        landing.PathAndQuery.Should().Be("/clinic?connect=codereceived");
        await SignInAsAsync(manager);
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo(landing.PathAndQuery);

        var notice = Render<FlowNotice>();

        notice.WaitForAssertion(() => notice.Find("[data-testid=flow-message]").TextContent
            .Should().Be("Sam Front's Fullscript account at Northside Integrative Health is connected."), Fullscript);
    }

    [Fact]
    public async Task The_activity_feed_folds_routine_renewals_and_says_who_acted()
    {
        using var lee = await ConnectedLeeAsync();
        var id = (await Portal.ConnectionOfAsync(lee.UserId!))!.Id;
        for (var i = 0; i < 12; i++)
        {
            Portal.Time.Advance(TimeSpan.FromMinutes(4));
            (await Portal.InScopeAsync<ConnectionTokens, RefreshOutcome>(t => t.RefreshAsync(id, AuditActions.System, force: true, CancellationToken.None)))
                .Result.Should().Be(RefreshResult.Refreshed);
        }
        await ManagerDisconnectsAsync(lee.UserId!);
        await SignInAsAsync(lee);

        var feed = Render<MyActivity>();

        feed.WaitForAssertion(() => feed.FindAll("[data-testid=activity-text]").Should().NotBeEmpty());
        var lines = feed.FindAll("[data-testid=activity] .mud-timeline-item").Select(item => (
            Text: item.QuerySelector("[data-testid=activity-text]")!.TextContent.Trim(),
            Who: item.QuerySelector("[data-testid=activity-who]")!.TextContent.Trim())).ToList();
        lines.Where(l => l.Text.StartsWith("Access renewed", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Match<(string Text, string Who)>(l => l.Text == "Access renewed 12 times in the last hour" && l.Who.StartsWith("By the portal automatically"));
        lines[0].Text.Should().Be("Disconnected");
        lines[0].Who.Should().StartWith("By your manager Morgan Manager");
        var disconnectDot = feed.FindAll("[data-testid=activity] .mud-timeline-item")[0];
        disconnectDot.GetAttribute("data-tone").Should().Be(nameof(ActivityTone.Neutral));
        disconnectDot.OuterHtml.Should().NotContain("mud-success", "a disconnect is not shown as a success");
        lines.Should().Contain(l => l.Text == "Connected" && l.Who.StartsWith("By you"));
    }
}
