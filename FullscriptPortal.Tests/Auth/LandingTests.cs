using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Auth;

/// <summary>After signing in, each role lands on its own work: managers on their clinic, support on the support page,
/// practitioners and staff on their connection; a return path that was asked for still wins.</summary>
[Collection(SharedPortal.Pages)]
public sealed class LandingTests(PortalFactory factory) : IAsyncLifetime
{
    [Theory]
    [InlineData(DemoPeople.Manager, "/clinic")]
    [InlineData(DemoPeople.Support, "/support")]
    [InlineData(DemoPeople.DrLee, "/")]
    [InlineData(DemoPeople.SamFront, "/")]
    public async Task Signing_in_without_a_return_path_lands_on_the_roles_own_page(string email, string landing)
    {
        using var browser = factory.NewSession();

        var response = await browser.PasswordStepAsync(email);

        browser.LocationOf(response).PathAndQuery.Should().Be(landing);
        (await browser.Http.GetAsync(landing)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_return_path_that_was_asked_for_still_wins()
    {
        using var browser = factory.NewSession();

        var response = await browser.PasswordStepAsync(DemoPeople.Support, returnUrl: "/support/audit");

        browser.LocationOf(response).PathAndQuery.Should().Be("/support/audit");
    }

    [Fact]
    public async Task A_manager_with_an_authenticator_lands_on_the_clinic_page_after_the_code_step()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.ClinicManager);
        string key;
        using (var first = factory.NewSession())
        {
            await first.SignInAsync(email);
            (key, _) = await first.EnrolAsync();
        }
        using var browser = factory.NewSession();
        var codeStep = browser.LocationOf(await browser.PasswordStepAsync(email)).PathAndQuery;

        var signedIn = await browser.PostFormAsync(codeStep, "signin-2fa", new() { ["Form.Code"] = Totp.Now(key) });

        browser.LocationOf(signedIn).AbsolutePath.Should().Be("/clinic");
    }

    [Theory]
    [InlineData(DemoPeople.Manager, "/clinic")]
    [InlineData(DemoPeople.Support, "/support")]
    public async Task The_home_page_sends_a_manager_or_support_to_their_page(string email, string landing)
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);

        var home = await browser.Http.GetAsync("/");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        browser.LocationOf(home).AbsolutePath.Should().Be(landing);
    }

    [Fact]
    public void The_landing_depends_on_the_role_alone()
    {
        LandingPage.For([PortalRoles.ClinicManager]).Should().Be("/clinic");
        LandingPage.For([PortalRoles.Support]).Should().Be("/support");
        LandingPage.For([PortalRoles.Practitioner]).Should().Be("/");
        LandingPage.For([]).Should().Be("/");
        LandingPage.After("https://evil.example/", [PortalRoles.Support]).Should().Be("/support", "an off-site return path is ignored");
        LandingPage.After("/", [PortalRoles.ClinicManager]).Should().Be("/clinic");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
