using Bunit;
using FullscriptPortal.Clinics;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Invites on the manager's and support's pages, over the app's own services: the row says where a person's
/// invite stands and offers resend and cancel, the detail panel does both with progress, several people are invited at
/// once, and a change made elsewhere reaches an open grid.</summary>
[Collection(SharedPortal.Pages)]
public sealed class InvitePageTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private async Task<PortalSession> SignedInAsync(string email)
    {
        var session = Portal.NewSession();
        await session.SignInAsync(email);
        await SignInAsAsync(session);
        return session;
    }

    private async Task<string> SamAsync() => await Portal.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.SamFront).Select(u => u.Id).SingleAsync());

    private async Task<InviteLink> InviteSamAsync(PortalSession manager)
    {
        var principal = await manager.PrincipalAsync();
        var sam = await SamAsync();
        return (await Portal.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(principal, sam, default)))!;
    }

    private static AngleSharp.Dom.IElement RowOf<T>(IRenderedComponent<T> page, string name) where T : IComponent =>
        page.FindAll("[data-testid=people-grid] tbody tr").Single(tr => tr.TextContent.Contains(name, StringComparison.Ordinal));

    private static async Task<IReadOnlyList<string>> ActionsOfRowAsync<T>(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<T> page, string name)
        where T : IComponent
    {
        await page.InvokeAsync(() => RowOf(page, name).QuerySelector("[data-testid=row-actions] button")!.Click());
        var items = popovers.FindAll("[data-testid^=action-]").Select(e => e.GetAttribute("data-testid")!["action-".Length..]).ToList();
        await page.InvokeAsync(() => RowOf(page, name).QuerySelector("[data-testid=row-actions] button")!.Click());
        return items;
    }

    [Fact]
    public async Task The_managers_row_says_the_person_is_invited_offers_resend_and_cancel_and_follows_a_cancel_made_elsewhere()
    {
        using var manager = await SignedInAsync(DemoPeople.Manager);
        await InviteSamAsync(manager);
        var popovers = Render<MudPopoverProvider>();

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => RowOf(page, "Sam Front").QuerySelector("[data-testid=row-invite]")!.TextContent.Should().Contain("Invited, expires "), Live);
        (await ActionsOfRowAsync(popovers, page, "Sam Front")).Should().Equal("ResendInvite", "CancelInvite", "ConnectOnBehalf");

        // Another tab (or another manager) cancels: this page hears it without a reload.
        var principal = await manager.PrincipalAsync();
        var sam = await SamAsync();
        (await Portal.InScopeAsync<Invites, InviteOutcome>(i => i.CancelAsync(principal, sam))).Result.Should().Be(InviteResult.Cancelled);

        page.WaitForAssertion(() => RowOf(page, "Sam Front").QuerySelector("[data-testid=row-invite]").Should().BeNull(), Live);
        (await ActionsOfRowAsync(popovers, page, "Sam Front")).Should().Equal("Invite", "ConnectOnBehalf");
    }

    [Fact]
    public async Task Supports_grid_shows_the_invite_too()
    {
        using (var manager = Portal.NewSession())
        {
            await manager.SignInAsync(DemoPeople.Manager);
            await InviteSamAsync(manager);
        }
        using var support = await SignedInAsync(DemoPeople.Support);

        var page = Render<PeopleGrid>(p => p.Add(g => g.ShowClinic, true));

        page.WaitForAssertion(() => RowOf(page, "Sam Front").QuerySelector("[data-testid=row-invite]")!.TextContent.Should().Contain("Invited, expires "), Live);
    }

    [Fact]
    public async Task The_detail_panel_resends_with_a_fresh_link_and_cancels_after_a_confirmation()
    {
        using var manager = await SignedInAsync(DemoPeople.Manager);
        var first = await InviteSamAsync(manager);
        var sam = await SamAsync();
        var dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(PeopleUrl.WithPerson("http://localhost/clinic", sam));
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=detail-resend-invite]"), Live);

        await page.InvokeAsync(() => page.Find("[data-testid=detail-resend-invite]").Click());

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=invite-replaced]").TextContent.Should().Contain("The earlier link no longer works"), Live);
        var fresh = new Uri(dialogs.Find("[data-testid=invite-link]").GetAttribute("value")!).AbsolutePath;
        fresh.Should().StartWith(Invites.PathPrefix).And.NotBe(first.Path);
        using var samSession = Portal.NewSession();
        await samSession.SignInAsync(DemoPeople.SamFront);
        (await samSession.Http.GetAsync(first.Path)).Headers.Location!.ToString().Should().Be("/?connect=invitereplaced");
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Done").Click());

        await page.InvokeAsync(() => page.Find("[data-testid=detail-cancel-invite]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Cancel Sam Front's invite?"), Live);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel invite").Click());

        page.WaitForAssertion(() => page.FindAll("[data-testid=person-detail-invite-actions]").Should().BeEmpty(), Live);
        (await samSession.Http.GetAsync(fresh)).Headers.Location!.ToString().Should().Be("/?connect=invitecancelled");
    }

    [Fact]
    public async Task Invite_several_lists_who_is_not_connected_invites_them_and_says_how_many()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var manager = await SignedInAsync(DemoPeople.Manager);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => RowOf(page, "Sam Front"), Live);

        await page.InvokeAsync(() => page.Find("[data-testid=invite-several]").Click());

        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=invite-several-person]").Should().ContainSingle(), Live);
        dialogs.Find("[data-testid=invite-several-list]").TextContent.Should().Contain("Sam Front").And.NotContain("Dr. Jordan Lee", "Lee is connected");
        dialogs.Find("[data-testid=invite-several-send]").TextContent.Should().Contain("Invite 1 person");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=invite-several-send]").Click());

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=invite-several-summary]").TextContent.Trim().Should().Be("Invited 1 person."), Live);
        dialogs.FindAll("[data-testid=invite-several-link]").Should().ContainSingle("without SMTP the manager hands the link on");
        page.WaitForAssertion(() => RowOf(page, "Sam Front").QuerySelector("[data-testid=row-invite]")!.TextContent.Should().Contain("Invited, expires "), Live);
    }
}
