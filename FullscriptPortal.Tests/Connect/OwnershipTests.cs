using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connect;

[Collection(SharedPortal.Connect)]
public sealed class OwnershipTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task One_fullscript_user_cannot_be_bound_to_a_second_portal_user()
    {
        using var lee = factory.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var sam = factory.NewSession();

        var outcome = await sam.ConnectAsync(DemoPeople.SamFront, fullscriptUserEmail: DemoPeople.DrLee);

        outcome.Succeeded.Should().BeFalse();
        outcome.Code.Should().Be(ExchangeCode.OwnerTaken);
        OutcomeText.For(outcome).Should().Contain("already connected to another portal user");
        (await factory.ConnectionOfAsync(sam.UserId!)).Should().BeNull();
        (await factory.SimulatorGrantsAsync()).Where(g => g.RevokedAt == null).Should().ContainSingle("the refused grant was handed back to Fullscript");
        (await factory.ConnectionOfAsync(lee.UserId!))!.State.Should().Be(ConnectionState.Active, "the owner's connection is untouched");
    }

    [Fact]
    public async Task The_account_type_fullscript_reports_is_stored()
    {
        using var sam = factory.NewSession();

        (await sam.ConnectAsync(DemoPeople.SamFront)).Succeeded.Should().BeTrue();

        (await factory.ConnectionOfAsync(sam.UserId!))!.ResourceOwnerType.Should().Be("Staff");
    }

    [Fact]
    public async Task Connecting_another_clinics_fullscript_account_is_refused_and_the_grant_handed_back()
    {
        using var sam = factory.NewSession();

        var outcome = await sam.ConnectAsync(DemoPeople.SamFront, fullscriptUserEmail: DemoPeople.DrPatel);

        outcome.Code.Should().Be(ExchangeCode.ForeignClinic, "Sam's portal clinic, Northside, is mapped to another Fullscript clinic");
        OutcomeText.For(outcome).Should().Contain("belongs to Lakeview Family Wellness").And.Contain("did not connect it");
        (await factory.ConnectionOfAsync(sam.UserId!)).Should().BeNull("nothing of the refused grant is stored");
        (await factory.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null, "the refused grant was handed back to Fullscript");
        (await factory.QueryAsync(db => db.AuditEntries.Where(e => e.SubjectUserId == sam.UserId && e.Outcome == "foreign-clinic").ToListAsync()))
            .Should().ContainSingle().Which.Detail.Should().Contain("Lakeview Family Wellness").And.Contain("grant revoked");
    }

    [Fact]
    public async Task A_manager_cannot_connect_staff_to_another_clinics_account_and_its_owner_then_connects_it()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var samId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.SamFront).Select(u => u.Id).SingleAsync());
        var authorize = manager.LocationOf(await manager.Http.GetAsync($"{ConnectEndpoints.ConnectPath}?for={samId}"));
        var callback = await manager.DecideOnConsentAsync(authorize, DemoPeople.FullscriptIdOf(DemoPeople.DrPatel));
        await manager.FollowCallbackAsync(callback);

        var outcome = (await manager.FinishInCircuitAsync())!;

        outcome.Code.Should().Be(ExchangeCode.ForeignClinic);
        (await factory.ConnectionOfAsync(samId)).Should().BeNull("Sam is not connected to Dr. Patel's Fullscript account");
        using var patel = factory.NewSession();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue("the refused attempt holds nothing that blocks the account's owner");
        var connection = (await factory.ConnectionOfAsync(patel.UserId!))!;
        (connection.State, connection.ClinicMismatch, connection.FullscriptClinicName).Should().Be((ConnectionState.Active, false, "Lakeview Family Wellness"));
    }

    [Fact]
    public async Task Without_a_mapped_fullscript_clinic_the_connection_is_made_and_its_clinic_recorded()
    {
        var mapped = await factory.QueryAsync(db => db.Clinics.Where(c => c.Name == "Northside").Select(c => c.FullscriptClinicId).SingleAsync());
        await factory.QueryAsync(db => db.Clinics.Where(c => c.Name == "Northside").ExecuteUpdateAsync(c => c.SetProperty(x => x.FullscriptClinicId, (string?)null)));
        try
        {
            using var sam = factory.NewSession();

            (await sam.ConnectAsync(DemoPeople.SamFront, fullscriptUserEmail: DemoPeople.DrPatel)).Succeeded.Should().BeTrue("nothing says Lakeview is not Sam's clinic");

            var connection = (await factory.ConnectionOfAsync(sam.UserId!))!;
            (connection.State, connection.ClinicMismatch, connection.FullscriptClinicName).Should().Be((ConnectionState.Active, false, "Lakeview Family Wellness"));
        }
        finally
        {
            await factory.QueryAsync(db => db.Clinics.Where(c => c.Name == "Northside").ExecuteUpdateAsync(c => c.SetProperty(x => x.FullscriptClinicId, mapped)));
        }
    }

    [Fact]
    public async Task A_matching_clinic_is_not_flagged()
    {
        using var lee = factory.NewSession();

        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();

        (await factory.ConnectionOfAsync(lee.UserId!))!.ClinicMismatch.Should().BeFalse();
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
