using Bunit;
using Bunit.TestDoubles;
using FullscriptPortal.Home;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Pages;

/// <summary>A connect link from the integrating app with a return_url: after Fullscript's consent the dashboard finishes
/// the connection and sends the person back to the app.</summary>
[Collection(SharedPortal.Pages)]
public sealed class ConnectLinkReturnTests(PortalFactory portal) : PageTestContext(portal)
{
    [Fact]
    public async Task After_consent_the_dashboard_connects_and_sends_the_person_to_the_allowed_return_url()
    {
        await Portal.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, "dr-lee")));
        using var backend = await BackendClient.CreateAsync(Portal, returnOrigins: "https://ehr.example.com");
        var link = await BackendClient.JsonAsync(await backend.PostAsync("/api/v1/users/dr-lee/connect-link", new { return_url = "https://ehr.example.com/patients/7?tab=supplements" }));

        using var lee = Portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var callback = await lee.DecideOnConsentAsync(await lee.OpenConnectLinkAsync(link.GetProperty("url").GetString()!), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        var landing = await lee.FollowCallbackAsync(callback);
        landing.AbsolutePath.Should().Be("/");
        landing.Query.Should().Contain("continue=").And.Contain("connect=codereceived");

        await SignInAsAsync(lee);
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo(landing.PathAndQuery);
        var notice = Render<FlowNotice>();

        // The page sends the browser on by itself (a full load of the app's URL), and offers the link in case it does not.
        notice.WaitForAssertion(() => notice.Find("[data-testid=continue] a").GetAttribute("href").Should().Be("https://ehr.example.com/patients/7?tab=supplements"),
            TimeSpan.FromSeconds(10));
        (await Portal.ConnectionOfAsync(lee.UserId!))!.State.Should().Be(FullscriptPortal.Connections.ConnectionState.Active);
    }
}
