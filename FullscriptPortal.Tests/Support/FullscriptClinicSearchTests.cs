using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Support;

/// <summary>Support's search finds a person by the name of the Fullscript clinic their connection belongs to, which can
/// differ from the portal clinic's name ("Northside" here, "Northside Integrative Health" at Fullscript).</summary>
[Collection(SharedPortal.People)]
public sealed class FullscriptClinicSearchTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task Support_finds_a_connection_by_its_fullscript_clinics_name()
    {
        using var lee = factory.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var patel = factory.NewSession();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var principal = await support.PrincipalAsync();

        var found = await factory.InScopeAsync<ConnectionDirectory, PeoplePage>(directory => directory.QueryAsync(principal, new PeopleQuery("integrative")));

        found.Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.DrLee, "only Dr. Lee's Fullscript clinic is Northside Integrative Health");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
