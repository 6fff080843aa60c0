using FullscriptPortal.Auth;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.People;

/// <summary>The service behind the API and the pages: a clinic manager adds practitioners and staff to their own clinic
/// only, and bad input comes back as field errors, never an exception.</summary>
[Collection(SharedPortal.People)]
public sealed class PeopleAdminTests(PortalFactory portal) : IAsyncLifetime
{
    public Task InitializeAsync() => portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> ClinicIdAsync(string name) => portal.QueryAsync(db => db.Clinics.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    private async Task<PeopleOutcome> AddAsManagerAsync(string email, string role, int clinicId)
    {
        using var manager = portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var principal = await manager.PrincipalAsync();
        return await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(admin => admin.AddAsync(principal, new PersonRequest(email, "New Person", role), clinicId, default));
    }

    [Fact]
    public async Task A_manager_adds_staff_to_their_own_clinic_with_an_invitation()
    {
        var outcome = await AddAsManagerAsync("new.staff@northside.test", PortalRoles.Staff, await ClinicIdAsync(DemoSeed.Northside));

        outcome.Result.Should().Be(PeopleResult.Created);
        outcome.InvitationPath.Should().StartWith(AccountInvitations.Path);
        var user = await portal.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "new.staff@northside.test"));
        user.ClinicId.Should().Be(await ClinicIdAsync(DemoSeed.Northside));
    }

    [Theory]
    [InlineData(DemoSeed.Lakeview, PortalRoles.Staff)]
    [InlineData(DemoSeed.Northside, PortalRoles.ClinicManager)]
    [InlineData(DemoSeed.Northside, PortalRoles.Support)]
    public async Task A_manager_cannot_add_to_another_clinic_nor_make_managers_or_support(string clinic, string role)
    {
        var outcome = await AddAsManagerAsync("intruder@example.test", role, await ClinicIdAsync(clinic));

        outcome.Result.Should().BeOneOf(PeopleResult.Refused, PeopleResult.Invalid);
        outcome.Message.Should().NotBeNullOrWhiteSpace();
        (await portal.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "intruder@example.test"))).Should().BeFalse();
    }

    [Fact]
    public async Task A_manager_cannot_change_or_deactivate_anyone()
    {
        using var manager = portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var principal = await manager.PrincipalAsync();
        var lee = await portal.QueryAsync(db => db.Users.SingleAsync(u => u.Email == DemoPeople.DrLee));

        (await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(a => a.ChangeRoleAsync(principal, lee.Id, PortalRoles.Staff, default))).Result.Should().Be(PeopleResult.Refused);
        (await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(a => a.DeactivateAsync(principal, lee.Id, null, default))).Result.Should().Be(PeopleResult.Refused);
        (await portal.QueryAsync(db => db.Users.SingleAsync(u => u.Id == lee.Id))).DeactivatedAt.Should().BeNull();
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_not_an_exception()
    {
        using var support = portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var principal = await support.PrincipalAsync();

        var outcome = await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(a => a.AddAsync(principal, new PersonRequest("not-an-email", " ", null), null, default));

        outcome.Result.Should().Be(PeopleResult.Invalid);
        outcome.Errors.Keys.Should().BeEquivalentTo("email", "display_name", "role", "clinic");
        var northside = await ClinicIdAsync(DemoSeed.Northside);
        var taken = await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(a =>
            a.AddAsync(principal, new PersonRequest(DemoPeople.DrLee, "Twin", PortalRoles.Staff), northside, default));
        taken.Result.Should().Be(PeopleResult.Conflict);
    }
}
