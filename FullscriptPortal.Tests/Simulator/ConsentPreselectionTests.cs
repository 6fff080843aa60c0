using System.Text.RegularExpressions;
using FullscriptPortal.Connect;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The simulator's consent page offers first the Fullscript user that matches the portal user being connected,
/// so following the README as any demo user, or as a manager connecting staff, needs only Approve.</summary>
[Collection(SharedPortal.Connect)]
public sealed partial class ConsentPreselectionTests(PortalFactory factory) : IAsyncLifetime
{
    [Theory]
    [InlineData(DemoPeople.DrLee)]
    [InlineData(DemoPeople.SamFront)]
    [InlineData(DemoPeople.DrPatel)]
    public async Task The_consent_page_preselects_the_fullscript_user_with_the_signed_in_users_email(string email)
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);

        var page = await browser.Http.GetStringAsync(await browser.StartConnectAsync());

        CheckedUserIds(page).Should().Equal(DemoPeople.FullscriptIdOf(email));
    }

    [Fact]
    public async Task A_manager_connecting_on_someones_behalf_gets_that_person_preselected()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var samId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.SamFront).Select(u => u.Id).SingleAsync());

        var authorize = manager.LocationOf(await manager.Http.GetAsync($"{ConnectEndpoints.ConnectPath}?for={samId}"));
        var page = await manager.Http.GetStringAsync(authorize);

        CheckedUserIds(page).Should().Equal([DemoPeople.FullscriptIdOf(DemoPeople.SamFront)], "the pending authorization is for Sam, not the manager");
    }

    [Fact]
    public async Task Another_browsers_state_preselects_nothing_of_its_person()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var samId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.SamFront).Select(u => u.Id).SingleAsync());
        var authorize = manager.LocationOf(await manager.Http.GetAsync($"{ConnectEndpoints.ConnectPath}?for={samId}"));
        using var patel = factory.NewSession();
        await patel.SignInAsync(DemoPeople.DrPatel);

        var page = await patel.Http.GetStringAsync(authorize);

        CheckedUserIds(page).Should().Equal([DemoPeople.FullscriptIdOf(DemoPeople.DrPatel)], "only the browser that started the flow learns whom it is for");
    }

    [Fact]
    public async Task Without_a_match_the_first_user_is_offered_as_before()
    {
        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var authorize = AuthorizeUrl(support.Http.BaseAddress!);

        var page = await support.Http.GetStringAsync(authorize);

        CheckedUserIds(page).Should().Equal(SimulatedDirectory.Users[0].Id);
    }

    [Theory]
    [InlineData("ROBIN.DESK@lakeview.test", "Someone Else", "Robin Desk")]
    [InlineData("robin@elsewhere.test", "robin  desk", "Robin Desk")]
    [InlineData(null, "Jordan Lee", "Dr. Jordan Lee")]
    [InlineData("avery@elsewhere.test", "Dr Avery Chen", "Dr. Avery Chen")]
    public void A_portal_user_matches_by_email_else_by_name(string? email, string name, string expected) =>
        ConsentPreselection.Match(email, name)!.Name.Should().Be(expected);

    [Theory]
    [InlineData("manager@northside.test", "Morgan Manager")]
    [InlineData("", "")]
    [InlineData(null, "Dr.")]
    public void Nobody_matches_a_portal_user_the_simulator_does_not_know(string? email, string name) =>
        ConsentPreselection.Match(email, name).Should().BeNull();

    // Support has no connection of its own to start, so the browser comes with a made-up state.
    private static string AuthorizeUrl(Uri portal) =>
        "/simulator/api/oauth/authorize?client_id=fullscript-portal-dev&response_type=code&state=made-up-state&redirect_uri="
        + Uri.EscapeDataString(new Uri(portal, ConnectEndpoints.CallbackPath).AbsoluteUri);

    private static List<string> CheckedUserIds(string html) =>
        [.. CheckedRadio().Matches(html).Where(m => m.Value.Contains(" checked", StringComparison.Ordinal)).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex("<input type=\"radio\" name=\"user_id\" value=\"(?<id>[^\"]+)\"[^>]*>")]
    private static partial Regex CheckedRadio();

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
