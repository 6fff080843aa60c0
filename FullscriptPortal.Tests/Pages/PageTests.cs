using Bunit;
using FullscriptPortal.Clinics;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.People;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Each role's pages, rendered with the real services: what they show, which actions they offer, and that a
/// change made elsewhere reaches them live.</summary>
[Collection(SharedPortal.Pages)]
public sealed class PageTests(PortalFactory portal) : PageTestContext(portal)
{
    private async Task<(PortalSession Lee, PortalSession Patel)> ConnectTwoAsync()
    {
        var lee = Portal.NewSession();
        var patel = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        return (lee, patel);
    }

    private static bool IsGuid(string text) => Guid.TryParse(text, out _);

    private static async Task<IReadOnlyList<string>> ActionsOfRowAsync<T>(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<T> page, string name)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        AngleSharp.Dom.IElement MenuButton() =>
            page.FindAll("tr").Single(tr => tr.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector("[data-testid=row-actions] button")!;
        await page.InvokeAsync(() => MenuButton().ClickAsync(new()));
        var items = popovers.FindAll("[data-testid^=action-]").Select(e => e.GetAttribute("data-testid")!["action-".Length..]).ToList();
        await page.InvokeAsync(() => MenuButton().ClickAsync(new()));
        return items;
    }

    [Fact]
    public async Task A_manager_sees_their_clinics_people_with_the_actions_a_manager_has()
    {
        await ConnectTwoAsync();
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        var popovers = Render<MudPopoverProvider>();

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=row-state]").Should().HaveCount(2));
        page.Markup.Should().Contain("Dr. Jordan Lee").And.Contain("Sam Front").And.NotContain("Priya Patel");
        page.Find("[data-testid=coverage-connected]").TextContent.Should().Be("1");
        (await ActionsOfRowAsync(popovers, page, "Sam Front")).Should().Equal("Invite", "ConnectOnBehalf");
        (await ActionsOfRowAsync(popovers, page, "Dr. Jordan Lee")).Should().Equal("Refresh", "Disconnect");
    }

    [Fact]
    public async Task Support_sees_every_clinic_and_may_refresh_or_revoke_but_not_invite_or_connect()
    {
        await ConnectTwoAsync();
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        var popovers = Render<MudPopoverProvider>();

        var page = Render<PeopleGrid>(p => p.Add(g => g.ShowClinic, true));

        page.WaitForAssertion(() => page.FindAll("[data-testid=row-state]").Should().HaveCount(3));
        page.Markup.Should().Contain("Lakeview").And.Contain("Northside");
        (await ActionsOfRowAsync(popovers, page, "Dr. Priya Patel")).Should().Equal("Refresh", "Revoke");
        page.FindAll("tr").Single(tr => tr.TextContent.Contains("Sam Front", StringComparison.Ordinal)).QuerySelector("[data-testid=row-actions]")
            .Should().BeNull("support does not connect people or invite them, so Sam's row has no menu to open empty");
    }

    [Fact]
    public async Task Supports_queue_lists_only_connections_that_need_attention()
    {
        var (_, patel) = await ConnectTwoAsync();
        await Portal.RevokeInsideFullscriptAsync("Dr. Priya Patel");
        (await patel.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);

        var queue = Render<PeopleGrid>(p => p.Add(g => g.ShowClinic, true).Add(g => g.OnlyNeedingAttention, true));

        queue.WaitForAssertion(() => queue.FindAll("[data-testid=row-state]").Should().ContainSingle().Which.TextContent.Should().Contain("Revoked in Fullscript"));
        queue.Markup.Should().Contain("Dr. Priya Patel");
    }

    [Fact]
    public async Task The_audit_page_lists_events_with_their_request_ids()
    {
        await ConnectTwoAsync();
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => page.Markup.Should().Contain("connect.exchange"));
        page.Markup.Should().Contain("Dr. Priya Patel").And.Contain("clinic.lookup");
        page.FindAll("code").Select(c => c.TextContent).Should().Contain(t => IsGuid(t), "Fullscript's X-Request-Id is shown");
    }

    [Fact]
    public async Task A_practitioners_dashboard_changes_live_when_support_revokes_their_connection()
    {
        var (lee, _) = await ConnectTwoAsync();
        await SignInAsAsync(lee);
        var home = Render<HomePage>();
        home.WaitForAssertion(() => home.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Active"));
        home.Markup.Should().Contain("Recent activity");

        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var principal = await support.PrincipalAsync();
        await Portal.InScopeAsync<ConnectionDirectory, DisconnectOutcome>(d => d.RevokeAsync(principal, lee.UserId!, "Left the practice"));

        home.WaitForAssertion(() => home.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Revoked"), TimeSpan.FromSeconds(1));
        home.Markup.Should().Contain("Left the practice");
    }

    [Fact]
    public async Task A_managers_home_sends_them_to_the_clinic_page()
    {
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);

        var home = Render<HomePage>();

        new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri).AbsolutePath.Should().Be("/clinic");
        home.FindAll("[data-testid=connection-card]").Should().BeEmpty();
    }
}
