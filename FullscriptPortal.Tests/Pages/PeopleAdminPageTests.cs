using Bunit;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Support's clinics and people page and the clinic manager's "Add staff", over the real services: the invitation
/// link shows once, a role change and a deactivation stick, and bad input gets a message.</summary>
[Collection(SharedPortal.Pages)]
public sealed class PeopleAdminPageTests(PortalFactory portal) : PageTestContext(portal)
{
    private static AngleSharp.Dom.IElement Input(IRenderedComponent<IComponent> root, string testId) =>
        root.Find($"[data-testid={testId}]") is { TagName: "INPUT" } input ? input : root.Find($"[data-testid={testId}] input");

    private static Task Choose<T>(IRenderedComponent<IComponent> root, string testId, T value) => root.InvokeAsync(() =>
        root.FindComponents<MudSelect<T>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)).Instance.ValueChanged.InvokeAsync(value));

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task Support_adds_a_clinic_and_a_person_sees_the_invitation_once_changes_their_role_and_deactivates_them()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        IRenderedComponent<IComponent> page = Render<PeopleAdminPage>();

        await page.InvokeAsync(() => Input(page, "clinic-name").Change("Eastside"));
        await page.InvokeAsync(() => page.Find("[data-testid=create-clinic]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=clinic-outcome]").TextContent.Should().Contain("Eastside was added."));
        var eastside = await Portal.QueryAsync(db => db.Clinics.Where(c => c.Name == "Eastside").Select(c => c.Id).SingleAsync());

        await page.InvokeAsync(() => Input(page, "person-email").Change("casey@eastside.test"));
        await page.InvokeAsync(() => Input(page, "person-name").Change("Casey Kim"));
        await Choose(page, "person-role", PortalRoles.Staff);
        await Choose<int?>(page, "person-clinic", eastside);
        await page.InvokeAsync(() => page.Find("[data-testid=add-person]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=invitation]").TextContent.Should().Contain("Casey Kim"));
        Input(page, "invitation-link").GetAttribute("value").Should().Contain(AccountInvitations.Path);
        page.FindAll("[data-testid=copy-invitation]").Should().ContainSingle();
        page.Find("[data-testid=people]").TextContent.Should().Contain("Casey Kim").And.Contain("Eastside");
        (await RolesOfAsync("casey@eastside.test")).Should().Equal(PortalRoles.Staff);
        Render<PeopleAdminPage>().FindAll("[data-testid=invitation]").Should().BeEmpty("the link is shown once, to whoever made it");

        await Choose(page, "role-casey@eastside.test", PortalRoles.Practitioner);
        page.WaitForAssertion(() => page.Find("[data-testid=row-outcome]").TextContent.Should().Contain("Casey Kim is now practitioner"));
        (await RolesOfAsync("casey@eastside.test")).Should().Equal(PortalRoles.Practitioner);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Deactivate Casey Kim").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Deactivate"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Deactivate").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=row-outcome]").TextContent.Should().Contain("deactivated"));
        page.Find("[data-testid=people]").TextContent.Should().Contain("Deactivated");
        (await Portal.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "casey@eastside.test"))).DeactivatedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Bad_input_gets_a_message_and_nothing_is_stored()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        Render<MudPopoverProvider>();
        IRenderedComponent<IComponent> page = Render<PeopleAdminPage>();

        await page.InvokeAsync(() => page.Find("[data-testid=create-clinic]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=clinic-outcome]").TextContent.Should().Contain("Give the clinic a name"));
        await page.InvokeAsync(() => Input(page, "person-email").Change("not-an-email"));
        await page.InvokeAsync(() => page.Find("[data-testid=add-person]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=person-error]").TextContent.Should().Contain("Give a valid email address.").And.Contain("Choose a clinic."));
        page.FindAll("[data-testid=invitation]").Should().BeEmpty();
        (await Portal.QueryAsync(db => db.Clinics.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task A_manager_adds_a_practitioner_to_their_own_clinic_and_sees_the_invitation_once()
    {
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        Render<MudPopoverProvider>();
        IRenderedComponent<IComponent> dialogs = Render<MudDialogProvider>();
        var page = Render<ClinicPage>();

        await page.InvokeAsync(() => page.Find("[data-testid=add-staff]").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=person-email]").Should().NotBeEmpty());
        dialogs.FindAll("[data-testid=person-clinic]").Should().BeEmpty("a manager adds to their own clinic only");
        await dialogs.InvokeAsync(() => Input(dialogs, "person-email").Change("new.dr@northside.test"));
        await dialogs.InvokeAsync(() => Input(dialogs, "person-name").Change("Dr. New"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=add-person]").Click());

        dialogs.WaitForAssertion(() => Input(dialogs, "invitation-link").GetAttribute("value").Should().Contain(AccountInvitations.Path));
        var added = await Portal.QueryAsync(db => db.Users.Include(u => u.Clinic).SingleAsync(u => u.Email == "new.dr@northside.test"));
        added.Clinic!.Name.Should().Be(DemoSeed.Northside);
        (await RolesOfAsync("new.dr@northside.test")).Should().Equal(PortalRoles.Practitioner);
    }
}
