using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Auth;

[Collection(SharedPortal.Pages)]
public sealed class SignInTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task In_development_the_sign_in_page_lists_the_demo_users_and_their_password()
    {
        using var browser = factory.NewSession();

        var page = await browser.Http.GetStringAsync("/account/signin");

        page.Should().Contain(DemoSeed.Password).And.Contain("manager@northside.test").And.Contain("support@portal.test");
    }

    [Fact]
    public async Task Outside_development_the_password_is_not_shown()
    {
        using var production = new PortalFactory().InProduction();
        using var browser = production.NewSession();

        var page = await browser.Http.GetStringAsync("/account/signin");

        page.Should().Contain("Sign in to FullscriptPortal").And.NotContain(DemoSeed.Password).And.NotContain("manager@northside.test");
    }

    [Theory]
    [InlineData("dr.lee@northside.test", "wrong-password", "don't match an account")]
    [InlineData("nobody@northside.test", DemoSeed.Password, "don't match an account")]
    [InlineData("not-an-email", DemoSeed.Password, "Enter a valid email address.")]
    [InlineData("", "", "Enter your email address.")]
    public async Task Bad_credentials_get_a_clear_message_and_no_session(string email, string password, string message)
    {
        using var browser = factory.NewSession();
        var form = await browser.Http.GetStringAsync("/account/signin");

        var response = await browser.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain(message);
        (await browser.Http.GetAsync("/")).Headers.Location!.AbsolutePath.Should().Be("/account/signin");
    }

    [Fact]
    public async Task A_signed_in_user_reaches_the_dashboard_and_a_return_url_off_the_site_is_ignored()
    {
        using var browser = factory.NewSession();
        var form = await browser.Http.GetStringAsync("/account/signin");

        var response = await browser.Http.PostAsync("/account/signin?returnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = DemoPeople.DrLee,
            ["Form.Password"] = DemoSeed.Password,
        }));

        response.Headers.Location!.ToString().Should().BeOneOf("/", new Uri(browser.Http.BaseAddress!, "/").AbsoluteUri);
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var forged = await browser.Http.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "a forged sign-out changes nothing");

        var dashboard = await browser.Http.GetStringAsync("/");
        var signedOut = await browser.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(dashboard, "__RequestVerificationToken"),
        }));
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.Http.GetAsync("/")).Headers.Location!.AbsolutePath.Should().Be("/account/signin");
    }

    [Theory]
    [InlineData(DemoPeople.DrLee, new[] { "My Fullscript connection", "Connect my Fullscript account" }, new[] { "Your role does not connect", "My clinic", "Audit trail" })]
    [InlineData(DemoPeople.SamFront, new[] { "My Fullscript connection", "Connect my Fullscript account" }, new[] { "Your role does not connect", "My clinic", "Audit trail" })]
    [InlineData(DemoPeople.Manager, new[] { "My clinic", "Add staff" }, new[] { "Your role does not connect", "My Fullscript connection", "Audit trail" })]
    [InlineData(DemoPeople.Support, new[] { "Audit trail", "Needs attention" }, new[] { "Your role does not connect", "My Fullscript connection", "My clinic" })]
    public async Task Each_role_lands_on_its_own_dashboard_with_its_own_navigation(string email, string[] shown, string[] notShown)
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);

        var page = await browser.Http.GetStringAsync(LandingPage.For([.. (await browser.PrincipalAsync()).FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value)]));

        foreach (var text in shown) page.Should().Contain(text, "{0} should see it", email);
        foreach (var text in notShown) page.Should().NotContain(text, "{0} should not see it", email);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
