using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Auth;

/// <summary>Outside Development, support staff and clinic managers set up an authenticator before anything else.</summary>
public sealed class StaffTwoFactorTests(ProductionPortalFixture production) : IClassFixture<ProductionPortalFixture>
{
    private PortalFactory Factory => production.Factory;

    [Fact]
    public async Task A_manager_without_an_authenticator_is_sent_to_set_one_up_before_using_the_portal()
    {
        using var browser = Factory.NewProxiedSession();
        await browser.SignInAsync(DemoPeople.Manager);

        foreach (var path in new[] { "/", "/clinic", "/support", FullscriptPortal.People.PeopleExport.Path })
        {
            var response = await browser.Http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, "{0} waits for two-step sign-in", path);
            browser.LocationOf(response).AbsolutePath.Should().Be(AccountSecurity.Path);
        }
        (await browser.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "no circuit opens around the rule");
        (await browser.Http.GetStringAsync(AccountSecurity.Path)).Should().Contain("enrolment-required").And.Contain("Your role needs two-step sign-in");

        await browser.EnrolAsync();

        (await browser.Http.GetAsync("/clinic")).StatusCode.Should().Be(HttpStatusCode.OK, "once enrolled, the manager gets on with the work");
        using var later = Factory.NewProxiedSession();
        browser.LocationOf(await later.PasswordStepAsync(DemoPeople.Manager)).AbsolutePath.Should().Be(AccountSecurity.AuthenticatorSignInPath);
    }

    [Fact]
    public async Task Support_staff_are_held_too_but_a_practitioner_is_not()
    {
        using var support = Factory.NewProxiedSession();
        await support.SignInAsync(DemoPeople.Support);
        support.LocationOf(await support.Http.GetAsync("/support")).AbsolutePath.Should().Be(AccountSecurity.Path);

        using var practitioner = Factory.NewProxiedSession();
        await practitioner.SignInAsync(DemoPeople.DrPatel);

        (await practitioner.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var security = await practitioner.Http.GetStringAsync(AccountSecurity.Path);
        security.Should().Contain("Set up an authenticator app", "two-step sign-in is offered to everyone").And.NotContain("enrolment-required");
    }
}
