using Bunit;
using FullscriptPortal.Audit;
using FullscriptPortal.Clinics;
using FullscriptPortal.People;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Each person's connection has its story: a row opens a panel with the connection's timeline from the audit
/// trail, the address names the person so a reload opens it again, only people the viewer may see open, and it is live.</summary>
[Collection(SharedPortal.Pages)]
public sealed class PersonDetailTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<PortalSession> SignedInAsync(string email)
    {
        var session = Portal.NewSession();
        await session.SignInAsync(email);
        await SignInAsAsync(session);
        return session;
    }

    private async Task<PortalSession> ConnectedAsync(string email)
    {
        var session = Portal.NewSession();
        (await session.ConnectAsync(email)).Succeeded.Should().BeTrue();
        return session;
    }

    private static string? PersonInAddress(NavigationManager navigation) => PeopleUrl.ReadPerson(navigation.Uri);

    [Fact]
    public async Task Clicking_a_row_opens_the_panel_with_the_connections_timeline_and_puts_the_person_in_the_address()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo("/clinic");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=people-grid] tbody tr strong").Select(e => e.TextContent).Should().Contain("Dr. Jordan Lee"), Live);
        page.FindAll("[data-testid=person-detail]").Should().BeEmpty("no panel until a row is chosen");

        page.FindAll("[data-testid=people-grid] tbody tr").Single(r => r.TextContent.Contains("Dr. Jordan Lee")).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=person-detail-name]").TextContent.Should().Be("Dr. Jordan Lee"), Live);
        PersonInAddress(Navigation).Should().Be(lee.UserId);
        var timeline = page.Find("[data-testid=person-detail-timeline]").TextContent;
        timeline.Should().Contain(AuditEventNames.Words(AuditActions.CodeExchanged)).And.Contain(AuditEventNames.OutcomeWords("connected"));
        timeline.Should().Contain("Dr. Jordan Lee", "the actor is named, not an id").And.NotContain(lee.UserId);
        page.Find("[data-testid=person-detail]").TextContent.Should().Contain("Access token expires");
    }

    [Fact]
    public async Task The_address_with_a_person_opens_their_panel_directly_and_closing_takes_it_out_of_the_address()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var support = await SignedInAsync(DemoPeople.Support);
        Navigation.NavigateTo($"/support?person={lee.UserId}");

        var page = Render<SupportPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=person-detail-name]").TextContent.Should().Be("Dr. Jordan Lee"), Live);
        page.FindAll("[data-testid=timeline-item]").Should().NotBeEmpty();

        page.Find("[data-testid=person-detail-close]").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=person-detail]").Should().BeEmpty(), Live);
        PersonInAddress(Navigation).Should().BeNull();
    }

    [Fact]
    public async Task A_manager_cannot_open_another_clinics_person_from_the_address_and_sees_no_error()
    {
        using var patel = await ConnectedAsync(DemoPeople.DrPatel);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo($"/clinic?person={patel.UserId}");

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=people-grid] tbody tr strong").Should().NotBeEmpty(), Live);
        page.FindAll("[data-testid=person-detail]").Should().BeEmpty();
        page.Markup.Should().NotContain("Dr. Priya Patel").And.NotContain("lakeview");
        var viewer = await manager.PrincipalAsync();
        (await Portal.InScopeAsync<PersonDetailQuery, PersonDetail?>(q => q.DetailAsync(viewer, patel.UserId))).Should().BeNull();
    }

    [Fact]
    public async Task The_open_panel_follows_a_change_of_the_connection_without_a_reload()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo($"/clinic?person={lee.UserId}");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=person-detail-name]").TextContent.Should().Be("Dr. Jordan Lee"), Live);
        page.FindAll("[data-testid=person-detail-reason]").Should().BeEmpty();

        await Portal.RevokeInsideFullscriptAsync("Dr. Jordan Lee");
        (await lee.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);

        page.WaitForAssertion(() => page.Find("[data-testid=person-detail-refreshes]").TextContent.Should().Contain(AuditEventNames.OutcomeWords("rejected")), Live);
        page.Find("[data-testid=person-detail-reason]").TextContent.Should().Contain("no longer accepts this connection");
        page.Find("[data-testid=person-detail-timeline]").TextContent.Should().Contain(AuditEventNames.Words(AuditActions.Refreshed));
    }
}
