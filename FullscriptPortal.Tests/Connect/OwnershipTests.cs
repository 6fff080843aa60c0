using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;

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
    public async Task A_connection_to_another_clinics_fullscript_account_is_flagged()
    {
        using var sam = factory.NewSession();

        (await sam.ConnectAsync(DemoPeople.SamFront, fullscriptUserEmail: DemoPeople.DrPatel)).Succeeded.Should().BeTrue();

        var connection = (await factory.ConnectionOfAsync(sam.UserId!))!;
        connection.FullscriptClinicName.Should().Be("Lakeview Family Wellness");
        connection.ClinicMismatch.Should().BeTrue("Sam's portal clinic, Northside, is mapped to another Fullscript clinic");
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
